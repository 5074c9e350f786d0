/** The packaged runtime jar next to an application's own, incompatible Jackson versions. */
package dev.turnout.isolation;
