package org.cityplatform.exchange.ops;

/**
 * The development key pair of deploy/local/keys, known here so that production can recognise and
 * refuse it whatever file it is copied to.
 */
public final class DevKeys {

    public static final String ISSUER = "urn:cityplatform:exchange:dev";

    static final String PUBLIC_KEY_BASE64 = ""
            + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwQEztRVBkeyyjUWh2B1csQ8R/h78BPe4+n5k"
            + "+nQtDEZSH8srOVqz+wxBOC0dKrDLT8rNhvsQBR4o9xs8F4A2fdTux63ffK1LsRe5y5uRyVcbLBLXg1Rb"
            + "MhiRAGwKJC4B5UgGUmvgAT03GjJDOV41vkB5YP1o0368n37ATaxNElcvDhmIyfsufm71ZSxxqljppy1W"
            + "kUyn5rPWbmxs9tZHiG+4KKu1MYv51h8A0Kc8VSCQY3MhLWEDrV7CdyHdB20TPvbjbeQ53AaOzOhaYfHv"
            + "rPfD1y4ImCZmeMA4jFJ8Ed7j4WWOCG1XAxuhYCepskRbCDZXNJBkoWvsmckPVtyffQIDAQAB"
            ;

    private DevKeys() {
    }

    /** True when a PEM or bare base64 public key is the development key. */
    public static boolean isDevPublicKey(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return body.equals(PUBLIC_KEY_BASE64);
    }
}
