/** Count, axes with counts and the next choices of a faceted browser, under a selection, without materialising it. */
package dev.qube.server.facet;
