/** The HTTP routes: the JSON API, the qubed-compatible paths, the web page and the OpenAPI file. */
package dev.qube.server.http;
