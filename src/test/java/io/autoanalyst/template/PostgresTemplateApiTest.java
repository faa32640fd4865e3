package io.autoanalyst.template;

import io.autoanalyst.support.PostgresApi;

@PostgresApi
class PostgresTemplateApiTest extends TemplateApiTests {
}
