package io.batchcall.adapter.telephony.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}), as Twilio documents it: the full URL Twilio
 * called, then every POST parameter sorted by name, each name followed by its value, no separators;
 * HMAC-SHA1 of that with the account's auth token; Base64. Twilio may sign the URL with or without its
 * port (an {@code https} URL as {@code …:443/…}), so, like Twilio's own SDK validators, a request is
 * accepted when the signature matches the URL as called, without its port, or with its scheme's default
 * port. An account with a Webhooks Rule matching the URL signs with that rule's shared key and the
 * algorithm its {@code X-Twilio-Webhooks-Signature-Settings} header names ({@code algorithm=HMAC_SHA256}
 * or {@code HMAC_SHA1}); the string signed is the same.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";
    public static final String SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings";

    private TwilioSignature() {
    }

    /** The signature of a request to {@code url} with these form parameters (a name may repeat), HMAC-SHA1. */
    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        return sign("HmacSHA1", authToken, url, params);
    }

    static String sign(String algorithm, String key, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        List<String> names = new ArrayList<>(params.keySet());
        names.sort(null);
        for (String name : names) {
            List<String> values = new ArrayList<>(params.get(name));
            values.sort(null);
            for (String value : values) {
                data.append(name).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** Whether {@code header} is the auth token's HMAC-SHA1 signature of this request, with or without the URL's port. */
    public static boolean verify(String authToken, String header, String url, Map<String, List<String>> params) {
        return verify("HmacSHA1", authToken, header, url, params);
    }

    /**
     * Whether the request is Twilio's: with no settings header, the auth token and HMAC-SHA1; with one, the Webhooks
     * Rule's shared key (none configured: not verifiable, false) and the algorithm it names (another: false).
     */
    public static boolean verify(String authToken, String sharedKey, String header, String settings, String url,
                                 Map<String, List<String>> params) {
        if (settings == null || settings.isBlank()) {
            return verify(authToken, header, url, params);
        }
        if (sharedKey == null || sharedKey.isEmpty()) {
            return false;
        }
        String algorithm = "";
        for (String part : settings.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("algorithm")) {
                algorithm = kv[1].trim().toUpperCase(Locale.ROOT);
            }
        }
        return switch (algorithm) {
            case "HMAC_SHA256" -> verify("HmacSHA256", sharedKey, header, url, params);
            case "HMAC_SHA1" -> verify("HmacSHA1", sharedKey, header, url, params);
            default -> false;
        };
    }

    private static boolean verify(String algorithm, String key, String header, String url, Map<String, List<String>> params) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] given = header.trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String form : forms(url)) { // every form is checked: no early exit to time
            ok |= MessageDigest.isEqual(sign(algorithm, key, form, params).getBytes(StandardCharsets.UTF_8), given);
        }
        return ok;
    }

    /** The URL as called, without its port, and with its scheme's default port when it has none. */
    static Set<String> forms(String url) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(url);
        try {
            URI u = URI.create(url);
            if (u.getHost() == null || u.getScheme() == null) {
                return forms;
            }
            String rest = url.substring(url.indexOf(u.getRawAuthority()) + u.getRawAuthority().length());
            String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
            String base = u.getScheme() + "://" + userInfo + u.getHost();
            forms.add(base + rest);
            int port = u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : u.getScheme().equalsIgnoreCase("http") ? 80 : -1;
            if (port != -1) {
                forms.add(base + ":" + port + rest);
            }
        } catch (IllegalArgumentException notAUri) {
            // the URL as called only
        }
        return forms;
    }
}
