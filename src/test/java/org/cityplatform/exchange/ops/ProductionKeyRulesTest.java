package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionKeyRulesTest {

    @Test
    void theDevKeyFileIsRecognisedWhateverItsFormatting() throws Exception {
        String pem = Files.readString(Path.of("deploy/local/keys/dev-public.pem"));
        assertTrue(DevKeys.isDevPublicKey(pem));
        assertTrue(DevKeys.isDevPublicKey(pem.replace("\n", "\r\n")));
    }

    @Test
    void theDevIssuerIsRefusedEvenWithAnotherKey() {
        assertEquals("the development issuer " + DevKeys.ISSUER + " is configured",
                ProductionKeyRules.refusal(Optional.of("https://idp.city.example/jwks"), Optional.empty(),
                        Optional.of(DevKeys.ISSUER)));
    }

    @Test
    void anInlineDevKeyIsRefused() throws Exception {
        String pem = Files.readString(Path.of("deploy/local/keys/dev-public.pem"));
        assertTrue(ProductionKeyRules.refusal(Optional.empty(), Optional.of(pem), Optional.of("https://idp"))
                .contains("development key"));
    }

    @Test
    void aJwksEndpointAndARealIssuerAreAccepted() {
        assertNull(ProductionKeyRules.refusal(Optional.of("https://idp.city.example/jwks"), Optional.empty(),
                Optional.of("https://idp.city.example")));
    }
}
