package io.autoanalyst.dataset;

import io.autoanalyst.support.PostgresApi;


/** The dataset routes on a real PostgreSQL server (embedded, started by the test). */
@PostgresApi
class PostgresDatasetApiTest extends DatasetApiTests {
}
