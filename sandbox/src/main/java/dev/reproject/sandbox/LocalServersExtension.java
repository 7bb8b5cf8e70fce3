package dev.reproject.sandbox;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link LocalServers}: {@code @ExtendWith(LocalServersExtension.class)}, then a
 * {@code LocalServers} parameter on the constructor, a {@code @BeforeAll} or a test method.
 *
 * <p>One instance per test JVM, shared by every test class, because a broker costs seconds to start. It lives
 * in the root context's store, which closes it (an {@link AutoCloseable}) when the whole run ends.
 */
public final class LocalServersExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
            .create(LocalServersExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared(extensionContext);
    }

    /** The servers of this test JVM, for other extensions. */
    public static LocalServers shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalServers.class, type -> LocalServers.create(), LocalServers.class);
    }
}
