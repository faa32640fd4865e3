package io.autoanalyst.deepanalysis;

import io.autoanalyst.support.SqliteApi;

@SqliteApi
class SqliteDeepAnalysisApiTest extends DeepAnalysisApiTests {
}
