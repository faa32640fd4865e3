package io.autoanalyst.api;

import io.autoanalyst.support.PostgresApi;

/** The HTTP contract on a real PostgreSQL server (embedded, started by the test). */
@PostgresApi
class PostgresApiTest extends ApiContractTests {

}
