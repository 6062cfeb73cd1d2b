package dev.timbre.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;

/**
 * A tiny registry for tests: Confluent's REST API served on a random local port over an {@link InMemorySchemaRegistry},
 * recording every request so tests can count round trips and check headers. Not a product: just enough protocol to
 * exercise {@link HttpSchemaRegistryClient} end to end without the real registry.
 */
final class RegistryHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, String contentType, String authorization) {
    }

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile String requiredAuthorization;

    RegistryHttpServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static RegistryHttpServer start() throws IOException {
        return new RegistryHttpServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void requireAuthorization(String header) {
        requiredAuthorization = header;
    }

    long count(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Request(method, rawPath, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        try {
            if (requiredAuthorization != null && !requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, error(40101, "Unauthorized"));
                return;
            }
            String[] parts = rawPath.substring(1).split("/");
            for (int i = 0; i < parts.length; i++) {
                parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
            }
            JsonNode body = exchange.getRequestBody().available() >= 0 ? readBody(exchange) : null;
            reply(exchange, 200, route(method, parts, body));
        } catch (SchemaRegistryException e) {
            reply(exchange, e.status(), error(e.errorCode(), e.getMessage()));
        }
    }

    private JsonNode route(String method, String[] p, JsonNode body) {
        if (method.equals("POST") && p.length == 3 && p[0].equals("subjects") && p[2].equals("versions")) {
            return JSON.createObjectNode().put("id", registry.register(p[1], schema(body)));
        }
        if (method.equals("POST") && p.length == 2 && p[0].equals("subjects")) {
            return registered(registry.lookup(p[1], schema(body)));
        }
        if (method.equals("GET") && p.length == 3 && p[0].equals("schemas") && p[1].equals("ids")) {
            return JSON.createObjectNode().put("schema", registry.getById(Integer.parseInt(p[2])).toString());
        }
        if (method.equals("GET") && p.length == 4 && p[0].equals("subjects") && p[3].equals("latest")) {
            return registered(registry.getLatest(p[1]));
        }
        if (method.equals("POST") && p.length == 5 && p[0].equals("compatibility")) {
            return JSON.createObjectNode().put("is_compatible", registry.isCompatible(p[2], schema(body)));
        }
        if (p[0].equals("config")) {
            if (method.equals("PUT")) {
                CompatibilityLevel level = CompatibilityLevel.parse(body.path("compatibility").asText());
                if (p.length == 2) {
                    registry.setCompatibility(p[1], level);
                } else {
                    registry.setCompatibility(level);
                }
                return JSON.createObjectNode().put("compatibility", level.name());
            }
            CompatibilityLevel level = p.length == 2 ? registry.getCompatibility(p[1]) : registry.getCompatibility();
            return JSON.createObjectNode().put("compatibilityLevel", level.name());
        }
        if (method.equals("GET") && p.length == 1 && p[0].equals("subjects")) {
            ArrayNode subjects = JSON.createArrayNode();
            registry.subjects().forEach(subjects::add);
            return subjects;
        }
        if (method.equals("DELETE") && p.length == 2 && p[0].equals("subjects")) {
            ArrayNode versions = JSON.createArrayNode();
            registry.deleteSubject(p[1]).forEach(versions::add);
            return versions;
        }
        throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found");
    }

    private static Schema schema(JsonNode body) {
        try {
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (org.apache.avro.SchemaParseException e) {
            throw new InvalidSchemaException(42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static ObjectNode registered(RegisteredSchema s) {
        return JSON.createObjectNode().put("subject", s.subject()).put("id", s.id()).put("version", s.version())
                .put("schema", s.schema().toString());
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? null : JSON.readTree(bytes);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
