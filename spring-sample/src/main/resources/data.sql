INSERT INTO books (id, title, author, price_cents) VALUES
  (1, 'The Pragmatic Programmer', 'David Thomas, Andrew Hunt', 4000),
  (2, 'Effective Java', 'Joshua Bloch', 4500),
  (3, 'Java Concurrency in Practice', 'Brian Goetz', 5000);

INSERT INTO reviews (book_id, reader, stars, text) VALUES
  (1, 'carol', 5, 'Still the best first book after the first job.'),
  (2, 'dave', 5, 'Item 17 alone is worth it.'),
  (2, 'erin', 4, 'Dense, but every page pays.');
