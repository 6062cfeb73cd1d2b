package dev.timbre.platform.registry;

import java.util.Map;

/** Builds the client a configuration asks for: the shared in-memory registry for {@code mock://scope}, else HTTP; both cached. */
public final class SchemaRegistryClients {

    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        RegistryConfig config = RegistryConfig.from(configs);
        String scope = config.mockScope();
        if (scope != null) {
            // Like Confluent's mock registry: no cache in front, so dropping a scope takes effect at once.
            return InMemorySchemaRegistry.forScope(scope);
        }
        return new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(config), config.cacheCapacity(),
                config.latestTtl(), java.time.Clock.systemUTC());
    }

    private SchemaRegistryClients() {
    }
}
