package io.autoanalyst.web;

import java.util.Map;

/** Something a feature wants /health to say about itself (the kernel sandbox, for one). */
public interface HealthDetails {
    Map<String, Object> healthDetails();
}
