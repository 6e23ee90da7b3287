/**
 * Qubes: sets of identifiers ({@code class=od, expver=0001, param=167}) stored as canonical,
 * compressed trees of datacubes, with exact set algebra. Start at {@link dev.qube.Qube}.
 */
package dev.qube;
