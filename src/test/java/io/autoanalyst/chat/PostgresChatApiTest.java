package io.autoanalyst.chat;

import io.autoanalyst.support.PostgresApi;

@PostgresApi
class PostgresChatApiTest extends ChatApiTests {
}
