-- 0030: how a disposal's objection window is counted from its publication day.
--
-- 民法典 art. 201 does not count the day a period starts; art. 204 lets a notice fix another
-- method, such as counting the publication day itself. The method is kept with the disposal, so
-- that the deadline its publication fixed can be explained. NULL on disposals stored before
-- this migration (and in their history rows): art. 201's method, the only one there was.
ALTER TABLE disposals ADD COLUMN window_counting text
  CHECK (window_counting IN ('start_day_not_counted', 'start_day_counted'));
