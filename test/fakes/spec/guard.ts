/**
 * Vitest setup (see vitest.config.ts): after every test, any request a fake
 * refused because the platform's spec refuses it fails that test, even when
 * the bot caught the 400 and carried on. A test that sends a bad request on
 * purpose takes its violations out of `fake.specViolations` itself.
 */
import { afterAll, afterEach } from "vitest";
import { failOnViolations } from "./violations.js";

afterEach(failOnViolations);
// Requests made after the last test (a fake stopped in afterAll) count too.
afterAll(failOnViolations);
