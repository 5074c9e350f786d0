/** A small Spring Boot bookshop whose controller and transactional service carry Turnout gates. */
package dev.turnout.springsample;
