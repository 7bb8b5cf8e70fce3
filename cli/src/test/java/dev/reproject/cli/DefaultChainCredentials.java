package dev.reproject.cli;

import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the ITs whose commands take their credentials from the AWS default chain, like any user's run: the sandbox's
 * credentials are in the system properties while the test class runs. After {@link LocalServersExtension} in
 * {@code @ExtendWith}.
 */
final class DefaultChainCredentials implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
            .create(DefaultChainCredentials.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(SandboxCredentials.SystemPropertiesScope.class,
                LocalServersExtension.shared(context).credentials().inSystemProperties());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        context.getStore(NAMESPACE).get(SandboxCredentials.SystemPropertiesScope.class,
                SandboxCredentials.SystemPropertiesScope.class).close();
    }
}
