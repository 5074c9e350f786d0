/** The processor's steps (catalog, validation, model, code writing); not API, may change in any release. */
package dev.turnout.processor.internal;
