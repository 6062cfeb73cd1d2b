package dev.timbre.infra.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(KafkaPlatformExtension.class)}: makes sure the JVM-wide {@link TestPlatform} runs
 * before the class's tests, and injects it into test or lifecycle method parameters of that type.
 * Then use {@code TestPlatform.get().bootstrapServers()} and {@code .registryUrl()}.
 */
public final class KafkaPlatformExtension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestPlatform.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestPlatform.get();
    }
}
