package io.autoanalyst.deepanalysis;

import io.autoanalyst.support.PostgresApi;

@PostgresApi
class PostgresDeepAnalysisApiTest extends DeepAnalysisApiTests {
}
