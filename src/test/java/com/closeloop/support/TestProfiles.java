package com.closeloop.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Tests run with profile {@code test} (in-memory H2). CI's second run sets {@code CLOSELOOP_TEST_PROFILES=postgres}
 * (with SPRING_DATASOURCE_URL/USERNAME/PASSWORD) to run the same suite against a real PostgreSQL.
 */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        List<String> profiles = new ArrayList<>(List.of("test"));
        String extra = System.getenv("CLOSELOOP_TEST_PROFILES");
        if (extra != null && !extra.isBlank()) {
            for (String profile : extra.split(",")) {
                if (!profile.isBlank()) {
                    profiles.add(profile.trim());
                }
            }
        }
        return profiles.toArray(String[]::new);
    }
}
