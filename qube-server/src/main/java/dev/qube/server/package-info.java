/** The catalogue server: {@link dev.qube.server.QubeServer} and the {@code serve} command. */
package dev.qube.server;
