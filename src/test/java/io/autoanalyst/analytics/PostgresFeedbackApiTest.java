package io.autoanalyst.analytics;

import io.autoanalyst.support.PostgresApi;

@PostgresApi
class PostgresFeedbackApiTest extends FeedbackApiTests {
}
