package io.autoanalyst.template;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds the default agent templates once the database is migrated. */
@Component
class TemplateSeedRunner implements ApplicationRunner {

    private final TemplateSeeder seeder;

    TemplateSeedRunner(TemplateSeeder seeder) {
        this.seeder = seeder;
    }

    @Override
    public void run(ApplicationArguments args) {
        seeder.seed(TemplateSeeder.readSeeds());
    }
}
