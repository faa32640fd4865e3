package io.autoanalyst.instance;

import io.autoanalyst.support.EmbeddedPostgresSupport;

class PostgresTwoInstancesTest extends TwoInstancesTests {

    @Override
    String newDatabaseUrl() {
        return EmbeddedPostgresSupport.newDatabaseUrl();
    }
}
