package io.autoanalyst.evaluation;

import io.autoanalyst.support.PostgresApi;

@PostgresApi
class PostgresDabenchEvaluationApiTest extends DabenchEvaluationApiTests {
}
