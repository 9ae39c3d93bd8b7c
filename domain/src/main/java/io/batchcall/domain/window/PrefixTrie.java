package io.batchcall.domain.window;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Phone-number prefixes (digits) to a value, looked up by the longest prefix of a number: the number's digits are walked
 * once, remembering the last node with a value — no substring or hash per prefix length (an import looks up every
 * contact's number, in {@link PhoneZones} and {@link PhoneRegions}).
 */
final class PrefixTrie<T> {

    private static final class Node<T> {
        @SuppressWarnings("unchecked")
        private final Node<T>[] next = new Node[10];
        private T value;
    }

    private final Node<T> root = new Node<>();

    /** Sets the value of {@code prefix} (digits only; anything else is ignored: no E.164 number could match it). */
    void put(String prefix, T value) {
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return;
        }
        Node<T> node = root;
        for (int i = 0; i < prefix.length(); i++) {
            int d = prefix.charAt(i) - '0';
            if (node.next[d] == null) {
                node.next[d] = new Node<>();
            }
            node = node.next[d];
        }
        node.value = value;
    }

    /** The value of the longest prefix of an E.164 number ({@code +} then digits); null when none matches. */
    T longest(String e164) {
        T found = null;
        Node<T> node = root;
        for (int i = e164.startsWith("+") ? 1 : 0; i < e164.length(); i++) {
            int d = e164.charAt(i) - '0';
            if (d < 0 || d > 9 || node.next[d] == null) {
                break;
            }
            node = node.next[d];
            if (node.value != null) {
                found = node.value;
            }
        }
        return found;
    }

    /** The lines of a table bundled beside this class. */
    static List<String> resourceLines(String resource) {
        try (InputStream in = PrefixTrie.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
