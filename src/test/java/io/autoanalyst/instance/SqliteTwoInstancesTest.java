package io.autoanalyst.instance;

import io.autoanalyst.support.SqliteDatabase;

/** Two instances on one machine sharing one SQLite file: the same leases and replay, SQLite's SQL. */
class SqliteTwoInstancesTest extends TwoInstancesTests {

    @Override
    String newDatabaseUrl() {
        return SqliteDatabase.newUrl();
    }
}
