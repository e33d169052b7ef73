package com.closeloop;

import com.closeloop.rules.RulesCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CloseloopApplication {

    public static void main(String[] args) {
        if (RulesCli.handles(args)) {
            System.exit(RulesCli.run(args, System.out));
        }
        SpringApplication.run(CloseloopApplication.class, args);
    }
}
