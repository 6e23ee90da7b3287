package dev.qube.internal;

import java.util.List;

/**
 * Structural hashes defined on texts only, so that equal identifier sets hash equally on every
 * backend, codec and interner.
 */
public final class Hashing {
    private Hashing() {
    }

    /** 64-bit finaliser of MurmurHash3. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** FNV-1a over the UTF-16 units of {@code s}, then mixed. */
    public static long text(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ s.length());
    }

    /** Hash of a value set given in canonical order. */
    public static long values(List<String> canonical) {
        long h = 0x9e3779b97f4a7c15L;
        for (String v : canonical) {
            h = mix(h * 31 + text(v));
        }
        return mix(h + canonical.size());
    }

    /** Starts a node hash from its key hash, value-set hash and terminal flag. */
    public static long nodeStart(long keyHash, long valuesHash, boolean terminal) {
        return mix(keyHash * 0x9e3779b97f4a7c15L + valuesHash + (terminal ? 0x5bd1e995L : 0));
    }

    /** Folds one child's hash into a node hash. */
    public static long nodeChild(long h, long childHash) {
        return mix(h * 0x100000001b3L + childHash);
    }
}
