package io.autoanalyst.session;

import io.autoanalyst.support.PostgresApi;

@PostgresApi
class PostgresModelSettingsApiTest extends ModelSettingsApiTests {
}
