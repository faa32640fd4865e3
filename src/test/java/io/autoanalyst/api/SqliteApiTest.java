package io.autoanalyst.api;

import io.autoanalyst.support.SqliteApi;

/** The HTTP contract on an SQLite file. */
@SqliteApi
class SqliteApiTest extends ApiContractTests {

}
