package io.autoanalyst.dataset;

import io.autoanalyst.support.SqliteApi;


/** The dataset routes on an SQLite file. */
@SqliteApi
class SqliteDatasetApiTest extends DatasetApiTests {
}
