/** The served catalogues: loading, atomic replacement under readers, and file watching. */
package dev.qube.server.catalog;
