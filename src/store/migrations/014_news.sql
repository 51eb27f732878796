-- News articles read by the reader (interdict news scan --store, news watch): each stored once,
-- found again by its URL or the hash of its text; its scan kept whole, and the listed records and
-- monitored parties it names kept beside it to find its articles by entity or party.
CREATE TABLE news_articles (
  id             text PRIMARY KEY,
  url            text UNIQUE,
  content_sha256 text NOT NULL UNIQUE,
  title          text,
  published      text,
  feed           text,
  fetched_at     timestamptz NOT NULL DEFAULT now(),
  text           text NOT NULL,
  scan           jsonb NOT NULL
);
CREATE INDEX news_articles_time ON news_articles (fetched_at DESC);

CREATE TABLE news_links (
  article_id text NOT NULL,
  entity_id  text NOT NULL,
  score      double precision NOT NULL,
  match      boolean NOT NULL,
  PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX news_links_entity ON news_links (entity_id);

CREATE TABLE news_parties (
  article_id text NOT NULL,
  party_id   text NOT NULL,
  score      double precision NOT NULL,
  PRIMARY KEY (article_id, party_id)
);
CREATE INDEX news_parties_party ON news_parties (party_id);

-- The feeds watched (RSS and Atom), and how their last reading went.
CREATE TABLE news_feeds (
  url          text PRIMARY KEY,
  added_by     text NOT NULL,
  added_at     timestamptz NOT NULL DEFAULT now(),
  last_checked timestamptz,
  last_error   text
);

-- An alert is raised by a list (a party matching a designee) or by the news (a monitored party
-- named in an article: its entity_id is news:<article id>, its explanation quotes the passage).
ALTER TABLE alerts ADD COLUMN kind text NOT NULL DEFAULT 'list' CHECK (kind IN ('list', 'adverse_media'));
