package dev.qube.server;

/**
 * What one request may ask for; past a limit the request fails with 413 (or 503 when the server is
 * busy) before any large work starts.
 *
 * @param maxBodyBytes largest request body (a union's qube)
 * @param maxQueryChars longest selection or identifier text in a query
 * @param maxSelectKeys most keys one selection may name
 * @param maxOutputIdentifiers most identifiers a {@code select} may return as {@code ids}
 * @param maxOutputNodes most tree nodes a {@code select} may return as a tree (ascii or JSON)
 * @param maxOutputBytes most bytes of one streamed answer; the stream is cut past it
 * @param maxHeavyRequests selects, trees and unions running at once; more wait briefly, then get 503
 * @param maxListedValues most values listed per key in {@code next} and per node in {@code tree} (a {@code more} count tells the rest)
 */
public record Limits(long maxBodyBytes, int maxQueryChars, int maxSelectKeys, long maxOutputIdentifiers,
                     long maxOutputNodes, long maxOutputBytes, int maxHeavyRequests, int maxListedValues) {

    /** Limits for a public catalogue service on a small machine. */
    public static Limits defaults() {
        return new Limits(64L << 20, 16 * 1024, 48, 1_000_000, 2_000_000, 256L << 20,
                Math.max(2, Runtime.getRuntime().availableProcessors()), 2_000);
    }
}
