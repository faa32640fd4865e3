package io.autoanalyst.session;

import io.autoanalyst.support.SqliteApi;

@SqliteApi
class SqliteModelSettingsApiTest extends ModelSettingsApiTests {
}
