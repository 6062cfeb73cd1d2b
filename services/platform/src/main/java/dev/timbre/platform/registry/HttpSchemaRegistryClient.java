package dev.timbre.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Confluent's schema-registry REST API over the JDK's {@link HttpClient}; works against Confluent's registry and
 * Apicurio's {@code /apis/ccompat/v7} endpoint. No caching here: wrap it in {@link CachedSchemaRegistryClient}
 * (as {@link SchemaRegistryClients#fromConfig} does). Several base URLs are tried in order when one cannot be
 * reached; an HTTP error response is final.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final RegistryConfig config;
    private final HttpClient http;
    private final String authorization;

    public HttpSchemaRegistryClient(String url) {
        this(RegistryConfig.from(Map.of(RegistryConfig.URL, url)));
    }

    public HttpSchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        this.baseUrls = config.urls().stream().map(HttpSchemaRegistryClient::withoutCredentials).toList();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        if (config.tls() != null) {
            builder.sslContext(TlsContexts.create(config.tls()));
        }
        this.http = builder.build();
        this.authorization = config.basicAuthUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(
                        URLDecoding.decode(config.basicAuthUserInfo()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, Schema schema) {
        return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).path("id").asInt();
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode body = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        return registered(body, subject, schema);
    }

    @Override
    public Schema getById(int id) {
        return parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject, null);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode body = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        return body.path("is_compatible").asBoolean(false);
    }

    @Override
    public CompatibilityLevel getCompatibility() {
        return level(send("GET", "/config", null));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        try {
            return level(send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null));
        } catch (SchemaRegistryException e) {
            // No subject-level config (Confluent: 40408, some registries: 40401/404): the global level applies.
            if (e.status() == 404) {
                return getCompatibility();
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        send("PUT", "/config", JSON.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("DELETE", "/subjects/" + encode(subject), null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    private JsonNode send(String method, String path, JsonNode body) {
        IOException lastFailure = null;
        for (String base : baseUrls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.requestTimeout())
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(0, 0, "Interrupted while calling the schema registry: " + method + " " + path, e);
            }
            return handle(method, base + path, response);
        }
        throw new SchemaRegistryException(0, 0, "Could not reach the schema registry at " + baseUrls + " for " + method + " "
                + path + ": " + lastFailure, lastFailure);
    }

    private static JsonNode handle(String method, String url, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = readJson(response.body());
        if (status >= 200 && status < 300) {
            if (json == null) {
                throw new SchemaRegistryException(status, 0, "Schema registry answered " + method + " " + url
                        + " with a body that is not JSON: " + snippet(response.body()));
            }
            return json;
        }
        int code = json == null ? 0 : json.path("error_code").asInt(0);
        String message = json != null && json.hasNonNull("message") ? json.get("message").asText() : snippet(response.body());
        String where = " (" + method + " " + url + ")";
        if (status == 404 && code == SubjectNotFoundException.ERROR_CODE) {
            throw new SubjectNotFoundException(message + where);
        }
        if (status == 404 && (code == SchemaNotFoundException.VERSION_NOT_FOUND || code == SchemaNotFoundException.SCHEMA_NOT_FOUND)) {
            throw new SchemaNotFoundException(code, message + where);
        }
        if (status == 409) {
            throw new IncompatibleSchemaException(message + where);
        }
        if (status == 422) {
            throw new InvalidSchemaException(code, message + where);
        }
        String hint = status == 404 && code == 0 ? " - is " + RegistryConfig.URL + " the registry's Confluent-compatible base URL"
                + " (Apicurio: http://host:port/apis/ccompat/v7)?" : "";
        throw new SchemaRegistryException(status, code, "Schema registry returned HTTP " + status
                + (code == 0 ? "" : " (error " + code + ")") + where + ": " + message + hint);
    }

    private static RegisteredSchema registered(JsonNode body, String subject, Schema known) {
        Schema schema = known != null ? known : parse(body.path("schema").asText());
        return new RegisteredSchema(body.path("subject").asText(subject), body.path("id").asInt(), body.path("version").asInt(), schema);
    }

    private static CompatibilityLevel level(JsonNode body) {
        JsonNode level = body.hasNonNull("compatibilityLevel") ? body.get("compatibilityLevel") : body.get("compatibility");
        if (level == null) {
            throw new SchemaRegistryException(200, 0, "Schema registry config response has no compatibility level: " + body);
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new InvalidSchemaException(42201, "Schema registry returned a schema Avro cannot parse: " + e.getMessage());
        }
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Credentials in the URL go into the Authorization header, never into the request line. */
    private static String withoutCredentials(URI uri) {
        String text = uri.toString();
        if (uri.getRawUserInfo() != null) {
            text = text.replace(uri.getRawUserInfo() + "@", "");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
