/**
 * The REST API: one route table ({@link io.palisade.mgmt.api.ApiRoutes}) drives both the Javalin registration and
 * the OpenAPI document, so the two cannot drift apart.
 */
package io.palisade.mgmt.api;
