package com.example.tiny;

import dev.qube.spi.ArenaProvider;
import dev.qube.tests.ArenaVerification;

class TinyArenaTest extends ArenaVerification {
    @Override
    protected ArenaProvider provider() {
        return new TinyArenaProvider();
    }
}
