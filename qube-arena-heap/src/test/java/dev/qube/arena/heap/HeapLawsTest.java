package dev.qube.arena.heap;

import dev.qube.tests.QubeLaws;

/** The heap backend passes the laws. */
class HeapLawsTest extends QubeLaws {
    @Override
    protected String arena() {
        return HeapArenaProvider.NAME;
    }
}
