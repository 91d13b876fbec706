/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/server/portal-snapshot.test.ts > TAP > portal pages render as captured > page digests 1`] = `
anon GET /login → 200 text/html; charset=utf-8  ef0fa6847e97b362
anon GET / → 303  /login?next=%2F e3b0c44298fc1c14
boss zh GET / → 200 text/html; charset=utf-8  5903527bbf536852
boss zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss zh GET /bureau/checkpoints → 200 text/html; charset=utf-8  845bde58c07b148a
boss zh GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  3caa7f6aa1d9cb89
boss zh GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  06113cabba1b930d
boss zh GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  c68f21b937301780
boss zh GET /bureau/devices → 200 text/html; charset=utf-8  c9b412b5e4776cb3
boss zh GET /bureau/enterprises → 200 text/html; charset=utf-8  9c65ec77a57b4bd9
boss zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  522079eaa04bb7ce
boss zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  60fec553440ce86a
boss zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  92c7e67bcd407d65
boss zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  bd01fad42d0379d9
boss zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  ef14fc77dd62ffc6
boss zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  d71ac36736260d7b
boss zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  d477492e47e2e352
boss zh GET /bureau/escorts → 200 text/html; charset=utf-8  f48083793919e9ce
boss zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  b7f9c24ec169aabd
boss zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  c856208127a8ea9f
boss zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  64096988ac023a91
boss zh GET /bureau/keys → 200 text/html; charset=utf-8  a012733a949bca54
boss zh GET /bureau/passes → 200 text/html; charset=utf-8  6b877a618d55df8f
boss zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  8a728d23095363a4
boss zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  91ea5cb4051979f1
boss zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  d72d625bb51e584d
boss zh GET /bureau/people → 200 text/html; charset=utf-8  e12ce6f43d09473c
boss zh GET /bureau/people/1 → 200 text/html; charset=utf-8  149ee8389b9acda5
boss zh GET /bureau/people/2 → 200 text/html; charset=utf-8  d9ec410a25decfa2
boss zh GET /bureau/people/99 → 404 text/html; charset=utf-8  19d695bf62d5b936
boss zh GET /bureau/rules → 200 text/html; charset=utf-8  83d43baf8108f300
boss zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  14932faa3f5d5f38
boss zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  3a1a1cc66c6b2e4a
boss zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  e8a77d762d069e12
boss zh GET /bureau/rules/draft → 200 text/html; charset=utf-8  3397262544e41fb9
boss zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  3a1195d0de6c6858
boss zh GET /bureau/staff → 200 text/html; charset=utf-8  357408eb34752f6b
boss zh GET /bureau/tokens → 200 text/html; charset=utf-8  3c2c42a2781d225a
boss zh GET /bureau/vehicles → 200 text/html; charset=utf-8  de2304fe5e0f2c03
boss zh GET /enterprise → 403 text/html; charset=utf-8  3ae0375a124f7aae
boss zh GET /enterprise/checks → 403 text/html; charset=utf-8  dbbfb6ff4bcf01a1
boss zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  bd83e294f29fcfef
boss zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  8ea249791dfb192d
boss zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  f1e4cf5631ff9aee
boss zh GET /enterprise/passes → 403 text/html; charset=utf-8  6ba32b0f92c9b312
boss zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  f661837d29aaabe7
boss zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  ed1f8927e66e5af5
boss zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  5580fef533037497
boss zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  5764b50553616bf8
boss zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  ad339a907c6e215d
boss zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  e0c6bc493d9835b8
boss zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  7f6e0b9d6b8b2631
boss zh GET /enterprise/people → 403 text/html; charset=utf-8  a413921dc320d679
boss zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  7a78ae2bba0f8d52
boss zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  4e9ab4fe5f4d0ed8
boss zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  82b5ce6009dacd57
boss zh GET /enterprise/people/new → 403 text/html; charset=utf-8  7651f544a6a38f10
boss zh GET /enterprise/tokens → 403 text/html; charset=utf-8  0a37b84b613ef884
boss zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  2f7b5b4ab9a3b70e
boss zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  16b957666405ece6
boss zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  31195d7ccff2446f
boss zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  e905121fde662130
boss zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  b6977c739bf479d3
boss zh GET /login → 303  / e3b0c44298fc1c14
boss zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
boss zh GET /passes/2/print → 409 text/html; charset=utf-8  79b6374ba44e80ef
boss zh GET /passes/99/print → 404 text/html; charset=utf-8  e6b5c0592c058f8e
boss zh GET /password → 200 text/html; charset=utf-8  ffab7902898275d0
boss zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  0f67eb3d72b6f036
boss zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  edb18ca10a039568
boss zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  196c28819dccf2af
boss zh GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  ee0e5a8f9d5d6927
boss zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  a52ed2ead58886ae
boss zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  08c9ea27c30785b3
boss zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  643bade6207ee094
boss zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  d05a6f0901dd5733
boss zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  592f67e453d8eb4e
boss zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  019cafc4113aee7b
boss zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  70ff0a3b14b508e3
boss en GET / → 200 text/html; charset=utf-8  5479c6b573b234fa
boss en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss en GET /bureau/checkpoints → 200 text/html; charset=utf-8  32df411b240dbc9e
boss en GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  2bb28e75cbb76749
boss en GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  c4d85ba3ff8b908b
boss en GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  8507edf5d73b5462
boss en GET /bureau/devices → 200 text/html; charset=utf-8  4c3dc392e7766960
boss en GET /bureau/enterprises → 200 text/html; charset=utf-8  1db964a0c8003615
boss en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  4f1c9b050846d58f
boss en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  bd7f5b9ba4a8b9f2
boss en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  123e38ae5cc1b2ca
boss en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  585855970449b267
boss en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  68f6cc1c1ee78de5
boss en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  0fe5f99e90de84c2
boss en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  c25785e101344e20
boss en GET /bureau/escorts → 200 text/html; charset=utf-8  81bea29c11bb0652
boss en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  ccad54eef8ade5a8
boss en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  2695df067e091dea
boss en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  1618dcdac5a9f2d3
boss en GET /bureau/keys → 200 text/html; charset=utf-8  79e70baba16cd5a7
boss en GET /bureau/passes → 200 text/html; charset=utf-8  ece49ae75de06231
boss en GET /bureau/passes/1 → 200 text/html; charset=utf-8  8f1983c6416d1e4c
boss en GET /bureau/passes/2 → 200 text/html; charset=utf-8  c8df4bfdc841604c
boss en GET /bureau/passes/99 → 404 text/html; charset=utf-8  89b34a2aa70ab51a
boss en GET /bureau/people → 200 text/html; charset=utf-8  88390cf11bdfe844
boss en GET /bureau/people/1 → 200 text/html; charset=utf-8  524b0b3f5580e8c8
boss en GET /bureau/people/2 → 200 text/html; charset=utf-8  e89e9456d7843381
boss en GET /bureau/people/99 → 404 text/html; charset=utf-8  41f153ed70a0fdfc
boss en GET /bureau/rules → 200 text/html; charset=utf-8  c45628ee10c0f1db
boss en GET /bureau/rules/1 → 200 text/html; charset=utf-8  2c7d97454eee34f2
boss en GET /bureau/rules/2 → 404 text/html; charset=utf-8  420d4ce1be8cd1ef
boss en GET /bureau/rules/99 → 404 text/html; charset=utf-8  00dce3290ba7e4b3
boss en GET /bureau/rules/draft → 200 text/html; charset=utf-8  4497d52c9b4ff1bf
boss en GET /bureau/rules/playground → 200 text/html; charset=utf-8  b020a6902c481fb2
boss en GET /bureau/staff → 200 text/html; charset=utf-8  5f07c2974781c91d
boss en GET /bureau/tokens → 200 text/html; charset=utf-8  4fa3efd4f91f8de2
boss en GET /bureau/vehicles → 200 text/html; charset=utf-8  9f762dbecb4721e4
boss en GET /enterprise → 403 text/html; charset=utf-8  44d1b3434cb67e3b
boss en GET /enterprise/checks → 403 text/html; charset=utf-8  bcbde5208cb79e81
boss en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  7ba58a73e32df53c
boss en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  f6a2b143e0daa1e3
boss en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  3db51d29eaf0b2df
boss en GET /enterprise/passes → 403 text/html; charset=utf-8  0420059896c7847c
boss en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  b7b243f8cd059215
boss en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  13d5e758954ff0be
boss en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  41c8dd650f124fd1
boss en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  a48827cb7a26d025
boss en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  936218d63196644d
boss en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  1d3564e5b2c76045
boss en GET /enterprise/passes/new → 403 text/html; charset=utf-8  a14a526297588aa3
boss en GET /enterprise/people → 403 text/html; charset=utf-8  0eedaa1f9e34af98
boss en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  6c79d8c3cce40825
boss en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  a823263aabb321f3
boss en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  6b23d91452547f01
boss en GET /enterprise/people/new → 403 text/html; charset=utf-8  8e02b3ad9ff00158
boss en GET /enterprise/tokens → 403 text/html; charset=utf-8  920e1df3ee143e8e
boss en GET /enterprise/vehicles → 403 text/html; charset=utf-8  bc2e19e6f44ac569
boss en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  6be9e6171596c1dc
boss en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  c1bd6539c02f367c
boss en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  e577b7b128d5cb25
boss en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  62e5935d0411be62
boss en GET /login → 303  / e3b0c44298fc1c14
boss en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
boss en GET /passes/2/print → 409 text/html; charset=utf-8  c53840361d73bc40
boss en GET /passes/99/print → 404 text/html; charset=utf-8  37259a8b350ebdd5
boss en GET /password → 200 text/html; charset=utf-8  cce30a6e968efbf5
boss en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  c6658494cefd3448
boss en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  4a79bac5383f444f
boss en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  2d700a2e601c27c3
boss en GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  525b465be0a1250c
boss en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  4620d32905716f17
boss en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  5bd3e6377a0ad2f3
boss en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  7a61e32c4e8ed06c
boss en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  9b28292706f6d0e3
boss en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  0cacf3bfcb82ccb0
boss en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  6dc9c24c77cd9a93
boss en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  be1da7665daa3eb9
officer zh GET / → 200 text/html; charset=utf-8  a881407a49326a0f
officer zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  3d1afd4683c59a21
officer zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  3353d5f88e51c2fc
officer zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  228fab2bd221f07f
officer zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  a822c3dfcfe4ea1c
officer zh GET /bureau/devices → 403 text/html; charset=utf-8  7cd6b95c2fa15cda
officer zh GET /bureau/enterprises → 200 text/html; charset=utf-8  47dd2a74853678ca
officer zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  123f3529d8f50d80
officer zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  3c88b394d523909e
officer zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  bd364f25863368a1
officer zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  66e7533dc44cdfd6
officer zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  d3ae7682cf1fb25f
officer zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  332b76c8f7b888ca
officer zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  45f13e7a4bb46f28
officer zh GET /bureau/escorts → 200 text/html; charset=utf-8  6ec5761bb7b57ff8
officer zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  4d1105fb68936155
officer zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  fdf6b22c4baa2d3d
officer zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  6835bf37fdc5cabc
officer zh GET /bureau/keys → 403 text/html; charset=utf-8  0393e86610c4fc9a
officer zh GET /bureau/passes → 200 text/html; charset=utf-8  d474cd9a2da21b32
officer zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  3a59ff8cf692389b
officer zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  ffbd0e6b164a7cf4
officer zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  fb5042be5b72ad27
officer zh GET /bureau/people → 200 text/html; charset=utf-8  9d33a9104a58c959
officer zh GET /bureau/people/1 → 200 text/html; charset=utf-8  61f79cba7a21cbc6
officer zh GET /bureau/people/2 → 200 text/html; charset=utf-8  16c655d1b5cde8aa
officer zh GET /bureau/people/99 → 404 text/html; charset=utf-8  2a3918f19993e527
officer zh GET /bureau/rules → 403 text/html; charset=utf-8  7c8e9304286d637d
officer zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  ac641db137e044f7
officer zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  54a9c12b153c2171
officer zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  5510dc47d647ce15
officer zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  8b0cd4aabc0cadf5
officer zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  d0faeb2228147694
officer zh GET /bureau/staff → 403 text/html; charset=utf-8  84355c655532895b
officer zh GET /bureau/tokens → 403 text/html; charset=utf-8  46281afd607622a0
officer zh GET /bureau/vehicles → 200 text/html; charset=utf-8  9afbf3f5608c960b
officer zh GET /enterprise → 403 text/html; charset=utf-8  f9206266860c8682
officer zh GET /enterprise/checks → 403 text/html; charset=utf-8  9b0cf5e31aa0dfbd
officer zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  d76952abed09ea5a
officer zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  0ac745a6c765b086
officer zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  0cb8e9fc6365e33d
officer zh GET /enterprise/passes → 403 text/html; charset=utf-8  80a58d78ef51ff2d
officer zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  641f2dd01a4b9d6a
officer zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  baa0ebd4390a6123
officer zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  336c5aabfd7f2fc8
officer zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  99607dd7dab97589
officer zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  0ad60e4fe485b442
officer zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  7f399552a1684bf8
officer zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  213416807ba76cf8
officer zh GET /enterprise/people → 403 text/html; charset=utf-8  5d902501833e8f8f
officer zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  18c66a9938b7c930
officer zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  9cb97da6d3770044
officer zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  3daa7d5aecfd0671
officer zh GET /enterprise/people/new → 403 text/html; charset=utf-8  3fde56de724c6bce
officer zh GET /enterprise/tokens → 403 text/html; charset=utf-8  77fb6f9b50e4c1e7
officer zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  43f85c337633a527
officer zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  361b2022a0fd93b1
officer zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  38b9d19ffb9808ea
officer zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  869849e7ec049269
officer zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  49bad826da21854d
officer zh GET /login → 303  / e3b0c44298fc1c14
officer zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
officer zh GET /passes/2/print → 409 text/html; charset=utf-8  3d98f8442de7ed5d
officer zh GET /passes/99/print → 404 text/html; charset=utf-8  cd52e82c1eb317d4
officer zh GET /password → 200 text/html; charset=utf-8  2c2e07589442d88f
officer zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  19a3843fbfe70428
officer zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  a6d9fd461f41b771
officer zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  5ed2261e278b51f5
officer zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  8190a83e6039fbbd
officer zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  1c080cfe0972d586
officer zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  17321e36a6f2dba2
officer zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  508d072667a2ba7f
officer zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  cf32391ca8f0753e
officer zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  0896aec254a805f1
officer zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  202903c82d817e7e
officer zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  71d93f17cd3bd0bf
officer en GET / → 200 text/html; charset=utf-8  b20e20a6acb7dd58
officer en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer en GET /bureau/checkpoints → 403 text/html; charset=utf-8  905ac25c1e20c423
officer en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  166c2657f081b1f2
officer en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  f4d1a04df28a2fa5
officer en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  04829bf66e430e67
officer en GET /bureau/devices → 403 text/html; charset=utf-8  f87289e8b74ef0af
officer en GET /bureau/enterprises → 200 text/html; charset=utf-8  3aaa789b4ce377f5
officer en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  d9b4e4a7046c4d27
officer en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  f6ac915c327f4854
officer en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  eb0e7c2fd2e5dd29
officer en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  ceca9d774314535a
officer en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  a16d00e3c2b3d8ff
officer en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  0edbab70522f14b8
officer en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  6a3954c83fa04847
officer en GET /bureau/escorts → 200 text/html; charset=utf-8  34373d4e24f42351
officer en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  d3dba4cf98d042c4
officer en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  bb40bb65ca511e83
officer en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  5f27b03a57b03d49
officer en GET /bureau/keys → 403 text/html; charset=utf-8  2f1c4af6eb928dbb
officer en GET /bureau/passes → 200 text/html; charset=utf-8  bb94ca206a86ebc9
officer en GET /bureau/passes/1 → 200 text/html; charset=utf-8  fc2c5d5659c60f89
officer en GET /bureau/passes/2 → 200 text/html; charset=utf-8  b189a96f6ad82585
officer en GET /bureau/passes/99 → 404 text/html; charset=utf-8  d0ac1c94ef5c8b68
officer en GET /bureau/people → 200 text/html; charset=utf-8  9f3a171be6d486ca
officer en GET /bureau/people/1 → 200 text/html; charset=utf-8  ad20bc4942ff8cec
officer en GET /bureau/people/2 → 200 text/html; charset=utf-8  1f1a66a99ed4bfb6
officer en GET /bureau/people/99 → 404 text/html; charset=utf-8  e787aca126dc699b
officer en GET /bureau/rules → 403 text/html; charset=utf-8  4697ab2b6c1583bf
officer en GET /bureau/rules/1 → 200 text/html; charset=utf-8  c8df136c54d64df2
officer en GET /bureau/rules/2 → 404 text/html; charset=utf-8  0f026d4f0feea2c1
officer en GET /bureau/rules/99 → 404 text/html; charset=utf-8  fb7c1cabc8f94337
officer en GET /bureau/rules/draft → 403 text/html; charset=utf-8  9dbf6ec8fd7e2819
officer en GET /bureau/rules/playground → 200 text/html; charset=utf-8  e71903bef961a8dd
officer en GET /bureau/staff → 403 text/html; charset=utf-8  349ef387548b85b6
officer en GET /bureau/tokens → 403 text/html; charset=utf-8  3f19bcab278f983b
officer en GET /bureau/vehicles → 200 text/html; charset=utf-8  aa56498cf49b085b
officer en GET /enterprise → 403 text/html; charset=utf-8  25e2fb35075796b9
officer en GET /enterprise/checks → 403 text/html; charset=utf-8  f907b4d116259de4
officer en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  4e328aed51255521
officer en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  07f7f753e7b2f00f
officer en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  6985965c91946b74
officer en GET /enterprise/passes → 403 text/html; charset=utf-8  ec9435c6fb8a511b
officer en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  1e8dbfca5068fcc8
officer en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  0aacce733ee9f9e8
officer en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  a34ad9eff8e2fd9e
officer en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  d192d7704c9ddca7
officer en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  3224f6e048523961
officer en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  f036cb8b3bd985eb
officer en GET /enterprise/passes/new → 403 text/html; charset=utf-8  c2e576422b47c0c6
officer en GET /enterprise/people → 403 text/html; charset=utf-8  06853812a5163178
officer en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  85359298a77ca36c
officer en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  548182523acac2c0
officer en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  110fc6b32a86a953
officer en GET /enterprise/people/new → 403 text/html; charset=utf-8  edef643f902d3ec2
officer en GET /enterprise/tokens → 403 text/html; charset=utf-8  d92786cea6120350
officer en GET /enterprise/vehicles → 403 text/html; charset=utf-8  193206c3894813b4
officer en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  6692c6f4a8514654
officer en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  9f894476b3fa0270
officer en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  28d9f8ab2cdf3817
officer en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  f9d37b26878c195b
officer en GET /login → 303  / e3b0c44298fc1c14
officer en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
officer en GET /passes/2/print → 409 text/html; charset=utf-8  a8c93b8dd4b55ad1
officer en GET /passes/99/print → 404 text/html; charset=utf-8  26d21ef2a112f2f8
officer en GET /password → 200 text/html; charset=utf-8  67f3a999f81c2e3c
officer en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  bc89d16892953df8
officer en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  27ca052fbc6a5f22
officer en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  adb5d34d60aad116
officer en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  7ede01ba2e301bf3
officer en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  f7e805c1c2222f35
officer en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  0d462bb7a846a33b
officer en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  a079ef2fa04b8fe7
officer en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  404a528729a447ff
officer en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  ed8b5fc39f496519
officer en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  aea72c2a740435ca
officer en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  909e5662cf900199
jincheng zh GET / → 303  /enterprise e3b0c44298fc1c14
jincheng zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  dfe2a06d47976604
jincheng zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  bd031159423f1ab5
jincheng zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  c29adc880ad34d55
jincheng zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  3b339310caad9e2c
jincheng zh GET /bureau/devices → 403 text/html; charset=utf-8  f794f617b279f525
jincheng zh GET /bureau/enterprises → 403 text/html; charset=utf-8  93f5416b74e4cbbf
jincheng zh GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  fd25900b108f6e93
jincheng zh GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  19932faca11d9943
jincheng zh GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  e696a63883d3f1d4
jincheng zh GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  a9492209d26e24ad
jincheng zh GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  a827d92281627d2f
jincheng zh GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  14b883047e337cd8
jincheng zh GET /bureau/enterprises/new → 403 text/html; charset=utf-8  64ff4814e1f11be0
jincheng zh GET /bureau/escorts → 403 text/html; charset=utf-8  a9a626cd92464643
jincheng zh GET /bureau/escorts/1 → 403 text/html; charset=utf-8  1a7a3fed88447421
jincheng zh GET /bureau/escorts/2 → 403 text/html; charset=utf-8  c943d75210c0df85
jincheng zh GET /bureau/escorts/99 → 403 text/html; charset=utf-8  4438f801ec515713
jincheng zh GET /bureau/keys → 403 text/html; charset=utf-8  61794a2d46f96c6c
jincheng zh GET /bureau/passes → 403 text/html; charset=utf-8  bad5486a8200cebd
jincheng zh GET /bureau/passes/1 → 403 text/html; charset=utf-8  f142335bef62a3a3
jincheng zh GET /bureau/passes/2 → 403 text/html; charset=utf-8  7b55c1e116eceeec
jincheng zh GET /bureau/passes/99 → 403 text/html; charset=utf-8  8d16cd0f8903d31a
jincheng zh GET /bureau/people → 403 text/html; charset=utf-8  e7a9034f34c62c2f
jincheng zh GET /bureau/people/1 → 403 text/html; charset=utf-8  51f3f069f84f8a92
jincheng zh GET /bureau/people/2 → 403 text/html; charset=utf-8  40c2895294b86228
jincheng zh GET /bureau/people/99 → 403 text/html; charset=utf-8  9fbb0828d80c6ad0
jincheng zh GET /bureau/rules → 403 text/html; charset=utf-8  82c4f6c24d7a1d16
jincheng zh GET /bureau/rules/1 → 403 text/html; charset=utf-8  c2f026f508df25d2
jincheng zh GET /bureau/rules/2 → 403 text/html; charset=utf-8  f0dfbe218953de0d
jincheng zh GET /bureau/rules/99 → 403 text/html; charset=utf-8  c54e0645777043df
jincheng zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  d44c4bd2367d3ab0
jincheng zh GET /bureau/rules/playground → 403 text/html; charset=utf-8  f2ed25874d1543d3
jincheng zh GET /bureau/staff → 403 text/html; charset=utf-8  ab97affc416e7913
jincheng zh GET /bureau/tokens → 403 text/html; charset=utf-8  ca6d2d7a432aa173
jincheng zh GET /bureau/vehicles → 403 text/html; charset=utf-8  1cf73ab8002d3404
jincheng zh GET /enterprise → 200 text/html; charset=utf-8  c8633079380f5fb3
jincheng zh GET /enterprise/checks → 200 text/html; charset=utf-8  ef1b02b8af07e0e1
jincheng zh GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  778c1a5df63eda4a
jincheng zh GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  1532cb3ed1aca02c
jincheng zh GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  ced3393dffd1fe7a
jincheng zh GET /enterprise/passes → 200 text/html; charset=utf-8  1264d61d8a66b51c
jincheng zh GET /enterprise/passes/1 → 200 text/html; charset=utf-8  c4c47a53cc4a9b42
jincheng zh GET /enterprise/passes/2 → 200 text/html; charset=utf-8  64a37e26dcb80573
jincheng zh GET /enterprise/passes/99 → 404 text/html; charset=utf-8  a698aa262be381db
jincheng zh GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  0359bc627ca21afc
jincheng zh GET /enterprise/passes/new → 200 text/html; charset=utf-8  cc9cc1aef0d65e2b
jincheng zh GET /enterprise/people → 200 text/html; charset=utf-8  332d00a417327e12
jincheng zh GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  3843fb2f8d1b03af
jincheng zh GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  a55a3b9c64a4aee9
jincheng zh GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  c010882aec57d1ee
jincheng zh GET /enterprise/people/new → 200 text/html; charset=utf-8  6681c599ca2d7192
jincheng zh GET /enterprise/tokens → 200 text/html; charset=utf-8  278aba30b5a71f38
jincheng zh GET /enterprise/vehicles → 200 text/html; charset=utf-8  58181f284147dfec
jincheng zh GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  15ec6ff2da160bce
jincheng zh GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  a4f9fcc1b26cbd8a
jincheng zh GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  51c2dd4ffabd53a0
jincheng zh GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  c2862664c92bc90c
jincheng zh GET /login → 303  / e3b0c44298fc1c14
jincheng zh GET /passes/1/print → 200 text/html; charset=utf-8  265d1d6aa18b7ba9
jincheng zh GET /passes/2/print → 409 text/html; charset=utf-8  f6bc87ef1cd23aae
jincheng zh GET /passes/99/print → 404 text/html; charset=utf-8  429c1027e6659ce3
jincheng zh GET /password → 200 text/html; charset=utf-8  fa6cd627f01ecd6d
jincheng zh GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  e7fc0798a1b892c3
jincheng zh GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  208d3bb2277ca5fc
jincheng zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  fb42e57be62effde
jincheng zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  94ce7bea62616f11
jincheng zh GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  5c292f08b76bf422
jincheng zh GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  f908d6220824b2f5
jincheng zh GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  22462c478337f0b2
jincheng zh GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  8db42191a26093b4
jincheng zh GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  43959cc15515e839
jincheng zh GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  eb63a6f87029d0fc
jincheng zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  6ffafa06901364e0
jincheng en GET / → 303  /enterprise e3b0c44298fc1c14
jincheng en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng en GET /bureau/checkpoints → 403 text/html; charset=utf-8  5b9e7d118d5031b4
jincheng en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  4471846565c9c8be
jincheng en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  722e6bd030222985
jincheng en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  9f525e7e28165991
jincheng en GET /bureau/devices → 403 text/html; charset=utf-8  746c0564b70b473a
jincheng en GET /bureau/enterprises → 403 text/html; charset=utf-8  7ce102e2a1c0ac84
jincheng en GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  0525283fb7f5a41a
jincheng en GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  da59a7fdd297bdfc
jincheng en GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  51a39ebdf0e07fcf
jincheng en GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  674a4772eed86efd
jincheng en GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  2c0a63518392a0f7
jincheng en GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  c47d6eb8a078f35d
jincheng en GET /bureau/enterprises/new → 403 text/html; charset=utf-8  5bd124cef88da811
jincheng en GET /bureau/escorts → 403 text/html; charset=utf-8  55d04ed18c226ee3
jincheng en GET /bureau/escorts/1 → 403 text/html; charset=utf-8  37d3d932d1d651f7
jincheng en GET /bureau/escorts/2 → 403 text/html; charset=utf-8  73d053406a7a09f1
jincheng en GET /bureau/escorts/99 → 403 text/html; charset=utf-8  2e4b49c362c13d8f
jincheng en GET /bureau/keys → 403 text/html; charset=utf-8  5b5609de7f14b85b
jincheng en GET /bureau/passes → 403 text/html; charset=utf-8  5d34bfabd5aa6df3
jincheng en GET /bureau/passes/1 → 403 text/html; charset=utf-8  393b3373c400799c
jincheng en GET /bureau/passes/2 → 403 text/html; charset=utf-8  c1f776d537363e12
jincheng en GET /bureau/passes/99 → 403 text/html; charset=utf-8  ee77a93c4634b503
jincheng en GET /bureau/people → 403 text/html; charset=utf-8  5528afc6153d39c9
jincheng en GET /bureau/people/1 → 403 text/html; charset=utf-8  5f94f715885d0c82
jincheng en GET /bureau/people/2 → 403 text/html; charset=utf-8  f20203e9ffb3b96f
jincheng en GET /bureau/people/99 → 403 text/html; charset=utf-8  ba145eb7059a629f
jincheng en GET /bureau/rules → 403 text/html; charset=utf-8  a1a384928d7181ec
jincheng en GET /bureau/rules/1 → 403 text/html; charset=utf-8  23baa34d2196da6d
jincheng en GET /bureau/rules/2 → 403 text/html; charset=utf-8  d412b879c61b94ca
jincheng en GET /bureau/rules/99 → 403 text/html; charset=utf-8  a6e8a97474597980
jincheng en GET /bureau/rules/draft → 403 text/html; charset=utf-8  23bcf754b7cbbb30
jincheng en GET /bureau/rules/playground → 403 text/html; charset=utf-8  ad8cb166092aaf3f
jincheng en GET /bureau/staff → 403 text/html; charset=utf-8  12c5df2142cc8a93
jincheng en GET /bureau/tokens → 403 text/html; charset=utf-8  a8b1a136bf6c571a
jincheng en GET /bureau/vehicles → 403 text/html; charset=utf-8  50d13323c521f9ee
jincheng en GET /enterprise → 200 text/html; charset=utf-8  2c1eae081a538c1c
jincheng en GET /enterprise/checks → 200 text/html; charset=utf-8  9ae901b354c7eacd
jincheng en GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  54fbf44fb7e5ded3
jincheng en GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  80c6ea6dddd27eb4
jincheng en GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  1c05b6e486ff8308
jincheng en GET /enterprise/passes → 200 text/html; charset=utf-8  66a87f83ab2c0c99
jincheng en GET /enterprise/passes/1 → 200 text/html; charset=utf-8  bd227f379cc6bd24
jincheng en GET /enterprise/passes/2 → 200 text/html; charset=utf-8  2fedd8cc0c966353
jincheng en GET /enterprise/passes/99 → 404 text/html; charset=utf-8  b53af581a266502b
jincheng en GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  68e8e78db8ac1247
jincheng en GET /enterprise/passes/new → 200 text/html; charset=utf-8  f52f1c1d3a2bcac9
jincheng en GET /enterprise/people → 200 text/html; charset=utf-8  ee8fb22ef4331d07
jincheng en GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  8656699b4f5e5533
jincheng en GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  bca1c1bff07ed368
jincheng en GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  4f2dff068483988d
jincheng en GET /enterprise/people/new → 200 text/html; charset=utf-8  c42a5a14dfe9e77e
jincheng en GET /enterprise/tokens → 200 text/html; charset=utf-8  14cd5b1fa0cba795
jincheng en GET /enterprise/vehicles → 200 text/html; charset=utf-8  a604c8e620927231
jincheng en GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  2fcfd976ef893d7e
jincheng en GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  afaaf06eeee15ef3
jincheng en GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  305df3c8b1cc45e9
jincheng en GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  ced7a49df7371ef2
jincheng en GET /login → 303  / e3b0c44298fc1c14
jincheng en GET /passes/1/print → 200 text/html; charset=utf-8  635384bdb20c6628
jincheng en GET /passes/2/print → 409 text/html; charset=utf-8  4f2fb6b7c4f93674
jincheng en GET /passes/99/print → 404 text/html; charset=utf-8  ef908020e062d692
jincheng en GET /password → 200 text/html; charset=utf-8  ce47a398425cf83f
jincheng en GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  26f27cfaa7fbe6ca
jincheng en GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  59582fcdfda8d85e
jincheng en GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  f6bea308f5faf27b
jincheng en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  9ff08d76cb48438d
jincheng en GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  6d5fe362e0941c55
jincheng en GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  cd331d9ba483f3fb
jincheng en GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  15d24432d201dd84
jincheng en GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  2874ae639c8d8c27
jincheng en GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  535ace699fbadded
jincheng en GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  869ac5992393ebc3
jincheng en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  c1748a7743862422
boss POST /bureau/enterprises → 400 text/html; charset=utf-8  e00d321cc90169a3
boss POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  9776b89621170d73
boss POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  badb28bc2fbe83ab
boss POST /bureau/checkpoints → 400 text/html; charset=utf-8  44213a812b3c4da9
boss POST /bureau/checkpoints/1/staff → 400 text/html; charset=utf-8  e2091700cff9b40a
boss POST /bureau/staff → 400 text/html; charset=utf-8  62bcd9a58a8bc983
boss POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  fc2e1d5969e60cdb
boss POST /enterprise/passes → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/people → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/people/1 → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/vehicles → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/contact → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  076ab0e463f91638
boss POST /password → 400 text/html; charset=utf-8  5704e70d69d1eb6a
officer POST /bureau/enterprises → 400 text/html; charset=utf-8  a41a40a283080896
officer POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  34f24a86b2ad5d47
officer POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  fa3723946b0a3e42
officer POST /bureau/checkpoints → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /bureau/staff → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  bb187d57bca23b9a
officer POST /enterprise/passes → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/people → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/people/1 → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/vehicles → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/contact → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  1fe7daa08369175f
officer POST /password → 400 text/html; charset=utf-8  5a3560da40251fe0
jincheng POST /bureau/enterprises → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /bureau/enterprises/1/users → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /bureau/checkpoints → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /bureau/staff → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /bureau/passes/2/reject → 403 text/html; charset=utf-8  82caa0ed5a7f7e13
jincheng POST /enterprise/passes → 400 text/html; charset=utf-8  72fe77b638d0617f
jincheng POST /enterprise/passes/2/edit → 400 text/html; charset=utf-8  3f776c9cd670d518
jincheng POST /enterprise/people → 400 text/html; charset=utf-8  d38787f096c0ca40
jincheng POST /enterprise/people/1 → 400 text/html; charset=utf-8  ada9e3581af7ff06
jincheng POST /enterprise/vehicles → 400 text/html; charset=utf-8  461793136e875e91
jincheng POST /enterprise/vehicles/1 → 400 text/html; charset=utf-8  ec07b747778a0804
jincheng POST /enterprise/contact → 400 text/html; charset=utf-8  732e7bf1bb7efe1b
jincheng POST /enterprise/escorts/1/dispatch → 400 text/html; charset=utf-8  0eb2dcded196de03
jincheng POST /password → 400 text/html; charset=utf-8  01579aaa1493439b
`
