package dev.qube.arena.offheap;

import dev.qube.tests.QubeLaws;

/** The off-heap backend passes the same laws as the heap backend. */
class OffHeapLawsTest extends QubeLaws {
    @Override
    protected String arena() {
        return OffHeapArenaProvider.NAME;
    }
}
