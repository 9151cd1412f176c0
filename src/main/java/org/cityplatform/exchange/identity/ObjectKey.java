package org.cityplatform.exchange.identity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Subject key of OBJECT datasets under Art. 16 of the city's data sharing policy: either a WGS-84 position
 * {@code "lat,lon"} in decimal degrees, or a city-wide object code.
 *
 * <p>A key containing a comma is read as a position (an object code can never contain one); anything else is read
 * as an object code, so a lone {@code "NaN"} or {@code "1e3"} is the object code {@code NAN} or {@code 1E3}.
 *
 * <ul>
 *   <li>Position: latitude in [-90, 90], longitude in [-180, 180], optional spaces around the comma. Canonical form
 *       is both numbers rounded HALF_UP to 6 decimals (about 0.1 m), so one spot written with different precision
 *       matches itself. Only plain decimals are accepted: exponent notation, NaN and Infinity are refused because
 *       no survey or GIS export writes coordinates that way, so they signal a conversion bug upstream.</li>
 *   <li>Object code: 1-64 ASCII letters, digits and {@code _ . : -}, starting with a letter or digit; canonical form
 *       is upper case.</li>
 * </ul>
 */
public final class ObjectKey {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern COMMA_WITH_SPACES = Pattern.compile(" *, *");
    private static final BigDecimal MAX_LATITUDE = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LONGITUDE = BigDecimal.valueOf(180);
    private static final int DECIMALS = 6;
    private static final int MAX_CODE_LENGTH = 64;

    private ObjectKey() {
    }

    public static String canonical(String raw) {
        String key = KeyText.present(raw);
        return key.indexOf(',') >= 0 ? position(key) : code(key);
    }

    public static boolean isValid(String raw) {
        return KeyText.accepts(ObjectKey::canonical, raw);
    }

    private static String position(String key) {
        String[] parts = COMMA_WITH_SPACES.split(key, -1);
        if (parts.length != 2) {
            throw new InvalidKeyException("coordinates must be written 'lat,lon', got " + parts.length
                    + " comma-separated values");
        }
        return degrees("latitude", parts[0], MAX_LATITUDE) + "," + degrees("longitude", parts[1], MAX_LONGITUDE);
    }

    private static String degrees(String axis, String text, BigDecimal limit) {
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidKeyException(axis + " '" + text + "' is not a plain decimal number (digits with an"
                    + " optional leading '-' and decimal point; exponents, NaN and Infinity are not accepted)");
        }
        BigDecimal value = new BigDecimal(text);
        // Range is judged on the value as written, so 90.0000001 is refused rather than rounded into range.
        if (value.abs().compareTo(limit) > 0) {
            throw new InvalidKeyException(axis + " " + text + " is outside [-" + limit + ", " + limit + "]");
        }
        // BigDecimal has no negative zero, so "-0.0000001" becomes "0.000000" rather than "-0.000000".
        return value.setScale(DECIMALS, RoundingMode.HALF_UP).toPlainString();
    }

    private static String code(String key) {
        int[] chars = KeyText.codePoints(key);
        if (chars.length > MAX_CODE_LENGTH) {
            throw new InvalidKeyException("object code must be at most " + MAX_CODE_LENGTH + " characters, got "
                    + chars.length);
        }
        if (!KeyText.isDigit(chars[0]) && !KeyText.isLetter(chars[0])) {
            throw new InvalidKeyException("object code must start with a letter or digit, got "
                    + KeyText.describe(chars[0]));
        }
        for (int i = 1; i < chars.length; i++) {
            int c = chars[i];
            if (!KeyText.isDigit(c) && !KeyText.isLetter(c) && c != '_' && c != '.' && c != ':' && c != '-') {
                throw new InvalidKeyException("object code has " + KeyText.describe(c) + " at position " + (i + 1)
                        + "; only letters, digits and _ . : - are allowed");
            }
        }
        return KeyText.upper(key);
    }
}
