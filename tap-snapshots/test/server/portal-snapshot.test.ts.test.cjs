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
boss zh GET / → 200 text/html; charset=utf-8  81f69057493de407
boss zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss zh GET /bureau/carriers → 200 text/html; charset=utf-8  2365ee96c71160be
boss zh GET /bureau/charter → 200 text/html; charset=utf-8  58a4b53f2f98c3fd
boss zh GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  15244f1f03f87fa4
boss zh GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  ab0dae0fdc93db7c
boss zh GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  a12d4284acf9fd69
boss zh GET /bureau/charter/runs/1/pass → 404 text/html; charset=utf-8  fa195a84a4f04f82
boss zh GET /bureau/charter/runs/2/pass → 404 text/html; charset=utf-8  f5d72eb19ffd9785
boss zh GET /bureau/charter/runs/99/pass → 404 text/html; charset=utf-8  fde7192ad189bd43
boss zh GET /bureau/checkpoints → 200 text/html; charset=utf-8  8929e175497aecec
boss zh GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  17a0b993012b2f4b
boss zh GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  84b61f98cd2edbb6
boss zh GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  24dc3724dbb5b6bd
boss zh GET /bureau/devices → 200 text/html; charset=utf-8  4afa601665d22086
boss zh GET /bureau/enterprises → 200 text/html; charset=utf-8  7c2e6e43776a097a
boss zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  1d0283e785a65529
boss zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  13583348d45bfa45
boss zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  1b940310579a2606
boss zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  98da4e18b1127b58
boss zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  604540aedfc4f454
boss zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  49bf930528d33e38
boss zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  4fb34bc5991a819d
boss zh GET /bureau/escorts → 200 text/html; charset=utf-8  770c860dffe2aa5e
boss zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  f8a357ba6e163e15
boss zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  bd50e6ad7703da3a
boss zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  3646d92c51ba9059
boss zh GET /bureau/keys → 200 text/html; charset=utf-8  185cdc27937bf91e
boss zh GET /bureau/passes → 200 text/html; charset=utf-8  4d520a4b61b91e19
boss zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  693f5dd11c9fec61
boss zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  09d0825d9c0ab810
boss zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  be7980de26b1f853
boss zh GET /bureau/people → 200 text/html; charset=utf-8  90ebf947453e6816
boss zh GET /bureau/people/1 → 200 text/html; charset=utf-8  18fefc5ed1abaa7a
boss zh GET /bureau/people/2 → 200 text/html; charset=utf-8  f7bb21aad3cb1b9f
boss zh GET /bureau/people/99 → 404 text/html; charset=utf-8  b55a8541841f54f6
boss zh GET /bureau/rules → 200 text/html; charset=utf-8  3bb73c2d50a16eff
boss zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  c9ecdd8a2770c705
boss zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  72abc41015375c82
boss zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  93cbdb82145c6568
boss zh GET /bureau/rules/draft → 200 text/html; charset=utf-8  14649a15a7701481
boss zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  b7ef833e3a900073
boss zh GET /bureau/staff → 200 text/html; charset=utf-8  2adeb7c7d4648724
boss zh GET /bureau/tokens → 200 text/html; charset=utf-8  f7439d339cb3b03b
boss zh GET /bureau/vehicles → 200 text/html; charset=utf-8  01ed810f5998195a
boss zh GET /bureau/webhooks → 200 text/html; charset=utf-8  cfcd1a7dfba58a1f
boss zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  08b5b875fe257e03
boss zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  7c2eec8fa605288b
boss zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  b4e2a9c2a924eb60
boss zh GET /carrier → 403 text/html; charset=utf-8  4a2ab503d2523c5c
boss zh GET /carrier/runs/1 → 403 text/html; charset=utf-8  514715da3460f798
boss zh GET /carrier/runs/2 → 403 text/html; charset=utf-8  18bfc3306a865ec2
boss zh GET /carrier/runs/99 → 403 text/html; charset=utf-8  6f4e183855cf4361
boss zh GET /carrier/runs/1/pass → 403 text/html; charset=utf-8  2ca2a11b9e4193f4
boss zh GET /carrier/runs/2/pass → 403 text/html; charset=utf-8  18a926cf8c013016
boss zh GET /carrier/runs/99/pass → 403 text/html; charset=utf-8  d9daf6231b06238b
boss zh GET /enterprise → 403 text/html; charset=utf-8  0e88e921e984fc2e
boss zh GET /enterprise/charter → 403 text/html; charset=utf-8  449d3f52454df5e4
boss zh GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  06a459ab5f539017
boss zh GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  cfe5badbff494a89
boss zh GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  a03799f38f754d54
boss zh GET /enterprise/checks → 403 text/html; charset=utf-8  3ffee32ecad21a20
boss zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  5c7e09bf8d6a0263
boss zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  291b2536efdd3b9b
boss zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  0f4fe170187c7abe
boss zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  6e5c34941829b6cf
boss zh GET /enterprise/passes → 403 text/html; charset=utf-8  da1dd81343959682
boss zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  64a2d034e4e5dea3
boss zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  fc1be638122af1d4
boss zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  7555b45c925f63d2
boss zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  a99a9d70687df263
boss zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  94732a9491e6b7eb
boss zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  655cf6a12a993a8f
boss zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  35854c4f64259c03
boss zh GET /enterprise/people → 403 text/html; charset=utf-8  4b8c5bd32b9ac78d
boss zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  c2bc368211f23d35
boss zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  a541072e44f298dd
boss zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  88f1d0a4e804b036
boss zh GET /enterprise/people/new → 403 text/html; charset=utf-8  ab35e11800ccd94c
boss zh GET /enterprise/tokens → 403 text/html; charset=utf-8  e27a4cf6dc7f245a
boss zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  17c7e1f9236d74ff
boss zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  d332d7e18adc78c6
boss zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  ce58491c29e55849
boss zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  c33985737ce9434c
boss zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  d56fb60aaa90d251
boss zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  ec8118c30efd7916
boss zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  f0239e5fb17bd298
boss zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  3df6c28e0d16bd1e
boss zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  e11e6253f13c686b
boss zh GET /login → 303  / e3b0c44298fc1c14
boss zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
boss zh GET /passes/2/print → 409 text/html; charset=utf-8  1b4bd3b7739388b5
boss zh GET /passes/99/print → 404 text/html; charset=utf-8  1095cad3f93aa6a3
boss zh GET /password → 200 text/html; charset=utf-8  0be1240cc44d5aa9
boss zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  f5957ebdaa6e3ceb
boss zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  b5025c7ce3a7bd4e
boss zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  23645d25e43a5d65
boss zh GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  8bbd77a434a22839
boss zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  483ddc0d465bc7a0
boss zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  6a525f2187eb29b6
boss zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  2893ad4e8fbfe027
boss zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  8ff6300e36935c1c
boss zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  574134e86f583fc6
boss zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  aaa6bcc2efe62c5c
boss zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  cd6d552ff3577c70
boss en GET / → 200 text/html; charset=utf-8  65de416c47676898
boss en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss en GET /bureau/carriers → 200 text/html; charset=utf-8  f312175fe3399b46
boss en GET /bureau/charter → 200 text/html; charset=utf-8  dca88542abbac34c
boss en GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  54189d6eaac2bb7d
boss en GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  e1b86bd2b4a0c707
boss en GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  2aed126a79afbdca
boss en GET /bureau/charter/runs/1/pass → 404 text/html; charset=utf-8  8d78f1ab58c049dd
boss en GET /bureau/charter/runs/2/pass → 404 text/html; charset=utf-8  48e50d2f932ecf71
boss en GET /bureau/charter/runs/99/pass → 404 text/html; charset=utf-8  81d939ed03ee2f9e
boss en GET /bureau/checkpoints → 200 text/html; charset=utf-8  4c2e6b6fbbdd1e51
boss en GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  331e59f2787e37f5
boss en GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  65447e421da7e08d
boss en GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  7fb8ba5d3d698981
boss en GET /bureau/devices → 200 text/html; charset=utf-8  3b5e0138b93d7a08
boss en GET /bureau/enterprises → 200 text/html; charset=utf-8  73bcf9c1df003e35
boss en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  392fa07524e2891f
boss en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  49eec22dc3fefb2f
boss en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  984a8a65501276ea
boss en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  5ff2770009c688bd
boss en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  e3c1bd4063bb2703
boss en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  730c7da21a279750
boss en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  5f3be9743c32dd6d
boss en GET /bureau/escorts → 200 text/html; charset=utf-8  93428799c432b4d8
boss en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  929eecd153d72cbf
boss en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  5972770acaf6f1fc
boss en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  f107c5550e3812d4
boss en GET /bureau/keys → 200 text/html; charset=utf-8  330d129e328ce035
boss en GET /bureau/passes → 200 text/html; charset=utf-8  13ac21a878152e6e
boss en GET /bureau/passes/1 → 200 text/html; charset=utf-8  ea3cb1ec03804333
boss en GET /bureau/passes/2 → 200 text/html; charset=utf-8  542eaf1b217ad44a
boss en GET /bureau/passes/99 → 404 text/html; charset=utf-8  48c29f06d2b6c7b8
boss en GET /bureau/people → 200 text/html; charset=utf-8  9437c9f068e027c1
boss en GET /bureau/people/1 → 200 text/html; charset=utf-8  c70dc9edf60880c2
boss en GET /bureau/people/2 → 200 text/html; charset=utf-8  29c2a15dc271ee1a
boss en GET /bureau/people/99 → 404 text/html; charset=utf-8  451f7f520dccea09
boss en GET /bureau/rules → 200 text/html; charset=utf-8  ef77a80323595b7a
boss en GET /bureau/rules/1 → 200 text/html; charset=utf-8  39953fba44571f99
boss en GET /bureau/rules/2 → 404 text/html; charset=utf-8  d9f209c07fadeb92
boss en GET /bureau/rules/99 → 404 text/html; charset=utf-8  08d126dc875e46c0
boss en GET /bureau/rules/draft → 200 text/html; charset=utf-8  89334a3e4b000ec4
boss en GET /bureau/rules/playground → 200 text/html; charset=utf-8  e168e05d979e09ae
boss en GET /bureau/staff → 200 text/html; charset=utf-8  9423b26e7c7857e5
boss en GET /bureau/tokens → 200 text/html; charset=utf-8  a56af7faad6bffe3
boss en GET /bureau/vehicles → 200 text/html; charset=utf-8  f89ee73f1c09a27e
boss en GET /bureau/webhooks → 200 text/html; charset=utf-8  9bd0a8a16dc161fa
boss en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  7d93828ad815b561
boss en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  4b3c2adaef055fdc
boss en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  241d41ad42bf9238
boss en GET /carrier → 403 text/html; charset=utf-8  17945df4c3940963
boss en GET /carrier/runs/1 → 403 text/html; charset=utf-8  5665787338c0a580
boss en GET /carrier/runs/2 → 403 text/html; charset=utf-8  de4acd00d04507c3
boss en GET /carrier/runs/99 → 403 text/html; charset=utf-8  232249d51e8a6607
boss en GET /carrier/runs/1/pass → 403 text/html; charset=utf-8  64c35f48165e9549
boss en GET /carrier/runs/2/pass → 403 text/html; charset=utf-8  c2af4df12d2fb357
boss en GET /carrier/runs/99/pass → 403 text/html; charset=utf-8  77abe24501895adf
boss en GET /enterprise → 403 text/html; charset=utf-8  bfa29588ac19ecfe
boss en GET /enterprise/charter → 403 text/html; charset=utf-8  2a2add466f91e2d0
boss en GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  7a6a009b555e7fc9
boss en GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  a49cb41920762ce7
boss en GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  5dfdb16266e18004
boss en GET /enterprise/checks → 403 text/html; charset=utf-8  c2b1edc51fbe7f97
boss en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  e77380ef9f41c289
boss en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  2c0a34763ec14d82
boss en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  6d268e5fdeec1b5e
boss en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  5992e04d70f2b975
boss en GET /enterprise/passes → 403 text/html; charset=utf-8  e09c0f3a43f3b91d
boss en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  e494bf69bd03495e
boss en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  35b07f79b789e32b
boss en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  f8f06ed72ec9c771
boss en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  9f9818d3148eaaee
boss en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  c96949fb7fe6a0e4
boss en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  d2021763d818b051
boss en GET /enterprise/passes/new → 403 text/html; charset=utf-8  93a36c3ae6c91a51
boss en GET /enterprise/people → 403 text/html; charset=utf-8  97ce5e30633dd23e
boss en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  804d62a393fc34e1
boss en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  dc737a4fb6f52f7c
boss en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  b2a2795be3715a8e
boss en GET /enterprise/people/new → 403 text/html; charset=utf-8  5269ee97205c1a04
boss en GET /enterprise/tokens → 403 text/html; charset=utf-8  d70fac8286c19a39
boss en GET /enterprise/vehicles → 403 text/html; charset=utf-8  3ad247dc5f6affc1
boss en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  90609f8ec7628f27
boss en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  9c7a9379d787326c
boss en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  338a10d3bbbfc3c3
boss en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  992b194d39c1d586
boss en GET /enterprise/webhooks → 403 text/html; charset=utf-8  f4b821fdadb4fa3e
boss en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  0c55eacae5f8fdc8
boss en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  22433290c52e9a72
boss en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  14d4d512e28f5b60
boss en GET /login → 303  / e3b0c44298fc1c14
boss en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
boss en GET /passes/2/print → 409 text/html; charset=utf-8  f1857d38bcd3c863
boss en GET /passes/99/print → 404 text/html; charset=utf-8  094e368a275317e6
boss en GET /password → 200 text/html; charset=utf-8  60e73170784ffb1d
boss en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  1e9ddbf01544b535
boss en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  4538fccd6eccdb39
boss en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  eaab35a339b75540
boss en GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  ab1c675db4396f56
boss en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  4899a0b40e7ba642
boss en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  129611dcc1a1e7a2
boss en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  eae8fddd68de1c33
boss en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  21c171f17347fee9
boss en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  f8d32a9efec8a45d
boss en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  0753bb8aee25423b
boss en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  c4db032e8606dd59
officer zh GET / → 200 text/html; charset=utf-8  f5275c1561e29e18
officer zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer zh GET /bureau/carriers → 200 text/html; charset=utf-8  f57eba2b57cf3b0a
officer zh GET /bureau/charter → 200 text/html; charset=utf-8  6140228f1077523b
officer zh GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  143b6a85e5003e72
officer zh GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  d0abda7e6668feb9
officer zh GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  3840e242a0d757ab
officer zh GET /bureau/charter/runs/1/pass → 404 text/html; charset=utf-8  4d16fd7dee463f1c
officer zh GET /bureau/charter/runs/2/pass → 404 text/html; charset=utf-8  779fe74bb5754752
officer zh GET /bureau/charter/runs/99/pass → 404 text/html; charset=utf-8  f6907b1cb5acc81d
officer zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  d61816010fce5841
officer zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  14dfa0f8e7e31b83
officer zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  f393e0d08a1799ca
officer zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  edc895c2019f7480
officer zh GET /bureau/devices → 403 text/html; charset=utf-8  d040c1a4dbda9127
officer zh GET /bureau/enterprises → 200 text/html; charset=utf-8  f7b295acdfb56558
officer zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  5cfee3ad328d38f4
officer zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  6da013586eb1861b
officer zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  70cffa1d4fa01dd3
officer zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  0280cf1e0d213a45
officer zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  74dc5e9a66febfc0
officer zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  195200bc3932a7d0
officer zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  2ac5bd75de172722
officer zh GET /bureau/escorts → 200 text/html; charset=utf-8  e58e19fb99b1a703
officer zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  017d4174798a36d4
officer zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  c9ffa256872e2e44
officer zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  399516284b0b82f7
officer zh GET /bureau/keys → 403 text/html; charset=utf-8  f53ec4996c24c361
officer zh GET /bureau/passes → 200 text/html; charset=utf-8  20d2404fdc4315bc
officer zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  f1bbad4045da881f
officer zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  505de283960b2851
officer zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  2d4481b66a5a37d7
officer zh GET /bureau/people → 200 text/html; charset=utf-8  28cc9e758388a5c6
officer zh GET /bureau/people/1 → 200 text/html; charset=utf-8  748d30a9592e998b
officer zh GET /bureau/people/2 → 200 text/html; charset=utf-8  c1e2c2f8c48f8a3f
officer zh GET /bureau/people/99 → 404 text/html; charset=utf-8  f4213f705649e929
officer zh GET /bureau/rules → 403 text/html; charset=utf-8  4d7ea63b746042c0
officer zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  7a463e6474f5f77c
officer zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  f9a9c02a8fd3d7e7
officer zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  48313b7f0eb6daa5
officer zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  885eb7e38349f1d5
officer zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  fe16d477cd34bc22
officer zh GET /bureau/staff → 403 text/html; charset=utf-8  d2c27062f7a768a4
officer zh GET /bureau/tokens → 403 text/html; charset=utf-8  cf5f2315a9450e3b
officer zh GET /bureau/vehicles → 200 text/html; charset=utf-8  d629926136bf15c7
officer zh GET /bureau/webhooks → 200 text/html; charset=utf-8  f7e30b13bda19c9d
officer zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  2177179bea676fd1
officer zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  c7cc38d2e12eb784
officer zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  81879f49472963a1
officer zh GET /carrier → 403 text/html; charset=utf-8  e030d9d34688b84d
officer zh GET /carrier/runs/1 → 403 text/html; charset=utf-8  3d6a1fbee82835de
officer zh GET /carrier/runs/2 → 403 text/html; charset=utf-8  f6019e38833ce34e
officer zh GET /carrier/runs/99 → 403 text/html; charset=utf-8  c5eda917cb6d92a9
officer zh GET /carrier/runs/1/pass → 403 text/html; charset=utf-8  86a8b75e330125ee
officer zh GET /carrier/runs/2/pass → 403 text/html; charset=utf-8  e584f566d29e6af4
officer zh GET /carrier/runs/99/pass → 403 text/html; charset=utf-8  6ece9db5f8b0c6bd
officer zh GET /enterprise → 403 text/html; charset=utf-8  973b892907d0232e
officer zh GET /enterprise/charter → 403 text/html; charset=utf-8  36191c08d851b72f
officer zh GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  f80d2312c920f66d
officer zh GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  fe08fe5abfea5801
officer zh GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  98d8a989a8beab58
officer zh GET /enterprise/checks → 403 text/html; charset=utf-8  401aa0bf98501f99
officer zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  4474a1e203b98e0e
officer zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  da82b9fd6f50118a
officer zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  69adb60e003508da
officer zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  99fcb7517185251d
officer zh GET /enterprise/passes → 403 text/html; charset=utf-8  e35404e4a293bd33
officer zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  373d07564327b36b
officer zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  658fed3e6d58a1aa
officer zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  df23f600a0a780de
officer zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  4683a0238797be3b
officer zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  041c7fd3e176ce91
officer zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  ea4e5281a12ec526
officer zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  ff10450c54534ce2
officer zh GET /enterprise/people → 403 text/html; charset=utf-8  6b6fd3b3dd5a2456
officer zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  f4228c4f0ad0da7c
officer zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  64bee5074e03f727
officer zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  15ebfd3c68891484
officer zh GET /enterprise/people/new → 403 text/html; charset=utf-8  077b3206df23d012
officer zh GET /enterprise/tokens → 403 text/html; charset=utf-8  1835343cfc9d9138
officer zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  547f26dcded9d3fe
officer zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  2b11474ec2ab37fd
officer zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  7174d6a7fbc4f12c
officer zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  b290839575277ff0
officer zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  35e6d67c2838f1ad
officer zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  a8cbe71a7519ba3d
officer zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  4e528f7ec24e458b
officer zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  b590f8e3d3393b60
officer zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  500f0d5ce25f5247
officer zh GET /login → 303  / e3b0c44298fc1c14
officer zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
officer zh GET /passes/2/print → 409 text/html; charset=utf-8  c3eb8764b8650b61
officer zh GET /passes/99/print → 404 text/html; charset=utf-8  0946b9f6b7691304
officer zh GET /password → 200 text/html; charset=utf-8  e47e74a3220576fe
officer zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  f6a045c9b2a8bc73
officer zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  7db8ab22928e8f4b
officer zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  d5d2aed2a7ddb2df
officer zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  abf87aa9ebb5bdf1
officer zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  296725f84a19fd8b
officer zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  ba9abb46469c45f4
officer zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  ffe28221297576e2
officer zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  3dea53877126578a
officer zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  7c96a318f7f870eb
officer zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  439d371302b3bad0
officer zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  a9f7a38fe3031d7b
officer en GET / → 200 text/html; charset=utf-8  3e44ba57f7035e1a
officer en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer en GET /bureau/carriers → 200 text/html; charset=utf-8  7d59c76f50028589
officer en GET /bureau/charter → 200 text/html; charset=utf-8  1cfba3b5fcaa4d80
officer en GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  163624050614e4d9
officer en GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  d74b5b35e2b8d517
officer en GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  c87ca296aa685e1c
officer en GET /bureau/charter/runs/1/pass → 404 text/html; charset=utf-8  f2f031f112757541
officer en GET /bureau/charter/runs/2/pass → 404 text/html; charset=utf-8  f84ae1240a03077c
officer en GET /bureau/charter/runs/99/pass → 404 text/html; charset=utf-8  2960b274ede64715
officer en GET /bureau/checkpoints → 403 text/html; charset=utf-8  0108266e5b831405
officer en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  0b8612af049fe71a
officer en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  1fe64add868be76b
officer en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  1097c24d4c2fe6d4
officer en GET /bureau/devices → 403 text/html; charset=utf-8  8a1ae5ded891f06f
officer en GET /bureau/enterprises → 200 text/html; charset=utf-8  dacdaf7702c27e82
officer en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  cfaf3656d4d7942a
officer en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  165bd6aa3a1b0b8d
officer en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  c26eda4142584ca1
officer en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  c862311e18cb2f6d
officer en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  813db9388ad9a9cd
officer en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  4f121801bf599687
officer en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  88b44d88daadfc3b
officer en GET /bureau/escorts → 200 text/html; charset=utf-8  f31a14b1e849c89f
officer en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  5219823ca9c66b68
officer en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  afb8bd9c0275a797
officer en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  4ce521db4a255a52
officer en GET /bureau/keys → 403 text/html; charset=utf-8  a6980d80a8e126fc
officer en GET /bureau/passes → 200 text/html; charset=utf-8  c8080cb532001e88
officer en GET /bureau/passes/1 → 200 text/html; charset=utf-8  4b63a34e229d1e1d
officer en GET /bureau/passes/2 → 200 text/html; charset=utf-8  b5a3455fbce56d91
officer en GET /bureau/passes/99 → 404 text/html; charset=utf-8  a8be8b487e4d7a74
officer en GET /bureau/people → 200 text/html; charset=utf-8  05220596e3356c96
officer en GET /bureau/people/1 → 200 text/html; charset=utf-8  fa8baefcb3495a6e
officer en GET /bureau/people/2 → 200 text/html; charset=utf-8  bc8c01f5a0efafd3
officer en GET /bureau/people/99 → 404 text/html; charset=utf-8  6d2b6fc00bca769b
officer en GET /bureau/rules → 403 text/html; charset=utf-8  9225b4d04a0982ef
officer en GET /bureau/rules/1 → 200 text/html; charset=utf-8  4c1ab672d81a429c
officer en GET /bureau/rules/2 → 404 text/html; charset=utf-8  8d02bb53af8b7ede
officer en GET /bureau/rules/99 → 404 text/html; charset=utf-8  1a8e91269bc423fd
officer en GET /bureau/rules/draft → 403 text/html; charset=utf-8  c0c9f8c62e519b78
officer en GET /bureau/rules/playground → 200 text/html; charset=utf-8  94cd42a16a659df7
officer en GET /bureau/staff → 403 text/html; charset=utf-8  0c24bd969ce6f1bd
officer en GET /bureau/tokens → 403 text/html; charset=utf-8  2a22773fab05fd51
officer en GET /bureau/vehicles → 200 text/html; charset=utf-8  143916895b767e39
officer en GET /bureau/webhooks → 200 text/html; charset=utf-8  3ab46e22132dd14d
officer en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  4e8ae5233db655a6
officer en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  dc347e71c15857c0
officer en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  fb3e2a031a0c8d09
officer en GET /carrier → 403 text/html; charset=utf-8  003e8dd889d18bc8
officer en GET /carrier/runs/1 → 403 text/html; charset=utf-8  569f8b7d5b1b6408
officer en GET /carrier/runs/2 → 403 text/html; charset=utf-8  ca9f04369dbc5c65
officer en GET /carrier/runs/99 → 403 text/html; charset=utf-8  b33831de7ce63049
officer en GET /carrier/runs/1/pass → 403 text/html; charset=utf-8  491f8d5325dec2e2
officer en GET /carrier/runs/2/pass → 403 text/html; charset=utf-8  64cfed4c82e664f9
officer en GET /carrier/runs/99/pass → 403 text/html; charset=utf-8  752a4a3a388a3c52
officer en GET /enterprise → 403 text/html; charset=utf-8  1bd364796700b5fa
officer en GET /enterprise/charter → 403 text/html; charset=utf-8  e896dceb7365d2d0
officer en GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  245a3eb64a119d47
officer en GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  4dda618f881ceadf
officer en GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  2ff8a6045fa47f7f
officer en GET /enterprise/checks → 403 text/html; charset=utf-8  fec85ad332b5f3f0
officer en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  50124a364c9131f0
officer en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  d5ffb8b8ff11a1b6
officer en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  18202af29325358f
officer en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  660fe2886476657b
officer en GET /enterprise/passes → 403 text/html; charset=utf-8  b3b7cbcfcbde5ff4
officer en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  ac4992ea5091d93b
officer en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  5139469cafef88b1
officer en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  741a72d7bc2b9071
officer en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  2e749594e809c03b
officer en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  3f9ae35f95bbc1a5
officer en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  6d104a500bc30756
officer en GET /enterprise/passes/new → 403 text/html; charset=utf-8  c7cd49b124717677
officer en GET /enterprise/people → 403 text/html; charset=utf-8  0b85896f72f9da71
officer en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  52f47049a54e11bd
officer en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  bf817588a5c1c72b
officer en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  ad2a30a8f96cd14e
officer en GET /enterprise/people/new → 403 text/html; charset=utf-8  678381d0c9ac1dd0
officer en GET /enterprise/tokens → 403 text/html; charset=utf-8  9bbf0d22489fa43d
officer en GET /enterprise/vehicles → 403 text/html; charset=utf-8  5ee8217ed2ac120a
officer en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  b42a0e0a95dc8635
officer en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  b292a07f9f03e3b2
officer en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  2fa7890c8c939380
officer en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  5d3c459f1687c661
officer en GET /enterprise/webhooks → 403 text/html; charset=utf-8  c2d00a37fbcc65d8
officer en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  1b13e27474e70d5d
officer en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  c224517541c55f82
officer en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  ff404969c3aad311
officer en GET /login → 303  / e3b0c44298fc1c14
officer en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
officer en GET /passes/2/print → 409 text/html; charset=utf-8  4b6aed022d3d3927
officer en GET /passes/99/print → 404 text/html; charset=utf-8  9c09452a079ef408
officer en GET /password → 200 text/html; charset=utf-8  ebb7712b872c85b2
officer en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  e996aaf03b36d834
officer en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  0cef1f33d3602919
officer en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  b1f340a20865a4f6
officer en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  42dc616348af8f62
officer en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  4c095325a531a0ea
officer en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  4516ce822cf0a97e
officer en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  fc400adc79bfa1c1
officer en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  0c1a43ae3efbb5a9
officer en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  aae50e310ba1ace0
officer en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  1d5a974657b1e572
officer en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  8d92c8f141d9b5a4
jincheng zh GET / → 303  /enterprise e3b0c44298fc1c14
jincheng zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng zh GET /bureau/carriers → 403 text/html; charset=utf-8  57105b685e6a982d
jincheng zh GET /bureau/charter → 403 text/html; charset=utf-8  964870c50db254c3
jincheng zh GET /bureau/charter/runs/1 → 403 text/html; charset=utf-8  056c26614bbcb8f4
jincheng zh GET /bureau/charter/runs/2 → 403 text/html; charset=utf-8  1fecde1f66f65f81
jincheng zh GET /bureau/charter/runs/99 → 403 text/html; charset=utf-8  a450924e80c7faaf
jincheng zh GET /bureau/charter/runs/1/pass → 403 text/html; charset=utf-8  13c510da3aac0424
jincheng zh GET /bureau/charter/runs/2/pass → 403 text/html; charset=utf-8  2179eb1d0a63a9fa
jincheng zh GET /bureau/charter/runs/99/pass → 403 text/html; charset=utf-8  36d6b4db00d082f9
jincheng zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  6c8417b5fc58a91d
jincheng zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  aadd62afb831b330
jincheng zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  89b8f8811f900a79
jincheng zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  400dfb7d7e1cfd96
jincheng zh GET /bureau/devices → 403 text/html; charset=utf-8  3da5e6f4cb5b2847
jincheng zh GET /bureau/enterprises → 403 text/html; charset=utf-8  8fe94caa6aafd6ea
jincheng zh GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  cdde1d23c56062b1
jincheng zh GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  c076951dadbc9073
jincheng zh GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  c1be96dfc7c473a8
jincheng zh GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  e7a08e7290ced460
jincheng zh GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  49c6903fd7cd95ac
jincheng zh GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  a7aee0b5f7a67ddb
jincheng zh GET /bureau/enterprises/new → 403 text/html; charset=utf-8  4657409306d81c77
jincheng zh GET /bureau/escorts → 403 text/html; charset=utf-8  134f5769a1970b6f
jincheng zh GET /bureau/escorts/1 → 403 text/html; charset=utf-8  2f27bb0497016e6f
jincheng zh GET /bureau/escorts/2 → 403 text/html; charset=utf-8  226f3fafba599bc2
jincheng zh GET /bureau/escorts/99 → 403 text/html; charset=utf-8  2aa1087ad3bee318
jincheng zh GET /bureau/keys → 403 text/html; charset=utf-8  b75548661ce6669b
jincheng zh GET /bureau/passes → 403 text/html; charset=utf-8  e39ffe949ce2b5fd
jincheng zh GET /bureau/passes/1 → 403 text/html; charset=utf-8  b4712fe920e7c23c
jincheng zh GET /bureau/passes/2 → 403 text/html; charset=utf-8  5a5e2000c0cf67ee
jincheng zh GET /bureau/passes/99 → 403 text/html; charset=utf-8  fd4e4f9f9dc54036
jincheng zh GET /bureau/people → 403 text/html; charset=utf-8  55003abddfaa6c6e
jincheng zh GET /bureau/people/1 → 403 text/html; charset=utf-8  2d9effb68f820c33
jincheng zh GET /bureau/people/2 → 403 text/html; charset=utf-8  4ae0f0ed5899d6ca
jincheng zh GET /bureau/people/99 → 403 text/html; charset=utf-8  1be5a86ecbb0f72c
jincheng zh GET /bureau/rules → 403 text/html; charset=utf-8  25d3d50d5f3f20a3
jincheng zh GET /bureau/rules/1 → 403 text/html; charset=utf-8  750f86ad555c1405
jincheng zh GET /bureau/rules/2 → 403 text/html; charset=utf-8  83641ad2160dd594
jincheng zh GET /bureau/rules/99 → 403 text/html; charset=utf-8  daf27c6f4b2b7dce
jincheng zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  1fcf0075cc2011a6
jincheng zh GET /bureau/rules/playground → 403 text/html; charset=utf-8  07de1e06354277c6
jincheng zh GET /bureau/staff → 403 text/html; charset=utf-8  44f195483f137dd7
jincheng zh GET /bureau/tokens → 403 text/html; charset=utf-8  651558d58a17b95f
jincheng zh GET /bureau/vehicles → 403 text/html; charset=utf-8  2d0cabaa6a5a863a
jincheng zh GET /bureau/webhooks → 403 text/html; charset=utf-8  a48661a454c4e0b8
jincheng zh GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  fa8a3ea0ba879d33
jincheng zh GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  c91b62694aacc439
jincheng zh GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  252419a732c99f6b
jincheng zh GET /carrier → 403 text/html; charset=utf-8  19ff584aaca03212
jincheng zh GET /carrier/runs/1 → 403 text/html; charset=utf-8  e61bcf2d1836cd3d
jincheng zh GET /carrier/runs/2 → 403 text/html; charset=utf-8  39ed9a0233584083
jincheng zh GET /carrier/runs/99 → 403 text/html; charset=utf-8  2f78bd36705ce143
jincheng zh GET /carrier/runs/1/pass → 403 text/html; charset=utf-8  b63d72dbd3ccebf3
jincheng zh GET /carrier/runs/2/pass → 403 text/html; charset=utf-8  4e3be287c41fe667
jincheng zh GET /carrier/runs/99/pass → 403 text/html; charset=utf-8  b0d21e0b9e85f4d3
jincheng zh GET /enterprise → 200 text/html; charset=utf-8  a9472ea1051140ca
jincheng zh GET /enterprise/charter → 200 text/html; charset=utf-8  2704f013150ae3d9
jincheng zh GET /enterprise/charter/runs/1 → 404 text/html; charset=utf-8  a084cd2d08ae84aa
jincheng zh GET /enterprise/charter/runs/2 → 404 text/html; charset=utf-8  b925c2dac239405d
jincheng zh GET /enterprise/charter/runs/99 → 404 text/html; charset=utf-8  7231a4b974d50c48
jincheng zh GET /enterprise/checks → 200 text/html; charset=utf-8  090134cbc2e827f8
jincheng zh GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  179f67927d7870df
jincheng zh GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  6c4288b738b44017
jincheng zh GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  52ff8cf09a1625a6
jincheng zh GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  25265b281cb48ba4
jincheng zh GET /enterprise/passes → 200 text/html; charset=utf-8  f82471bae007c113
jincheng zh GET /enterprise/passes/1 → 200 text/html; charset=utf-8  ce92257ca376b91a
jincheng zh GET /enterprise/passes/2 → 200 text/html; charset=utf-8  a28ee4af64208109
jincheng zh GET /enterprise/passes/99 → 404 text/html; charset=utf-8  9af0679cf7c23c63
jincheng zh GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  071dec74eb3f36c8
jincheng zh GET /enterprise/passes/new → 200 text/html; charset=utf-8  7728e07c89f62c7e
jincheng zh GET /enterprise/people → 200 text/html; charset=utf-8  f1c762b2d5348ca7
jincheng zh GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  b0be0c8323cbcf49
jincheng zh GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  e44fb7f47487c9c8
jincheng zh GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  c10a0eefb8b7a045
jincheng zh GET /enterprise/people/new → 200 text/html; charset=utf-8  cc98b5bc6f23a011
jincheng zh GET /enterprise/tokens → 200 text/html; charset=utf-8  b64c9e81cf0c4add
jincheng zh GET /enterprise/vehicles → 200 text/html; charset=utf-8  c245f011eaa3a468
jincheng zh GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  7c0b75e955553f76
jincheng zh GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  c1032c31fc37eb9b
jincheng zh GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  44e8e6f7f49b32c3
jincheng zh GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  b8661882337b04d2
jincheng zh GET /enterprise/webhooks → 200 text/html; charset=utf-8  577456a16a6b9b1d
jincheng zh GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  fad9a56acb85286b
jincheng zh GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  232bd2a371df6d4b
jincheng zh GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  33f7c5114d9c1af9
jincheng zh GET /login → 303  / e3b0c44298fc1c14
jincheng zh GET /passes/1/print → 200 text/html; charset=utf-8  265d1d6aa18b7ba9
jincheng zh GET /passes/2/print → 409 text/html; charset=utf-8  5d6c338077c62f69
jincheng zh GET /passes/99/print → 404 text/html; charset=utf-8  624478fa80645cfc
jincheng zh GET /password → 200 text/html; charset=utf-8  f07373e858c5ff3e
jincheng zh GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  129e903fc92e42ee
jincheng zh GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  baadb530e6ca9c69
jincheng zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  0565a38f96595b45
jincheng zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  9391b2333800aa72
jincheng zh GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  f527994ddec4a077
jincheng zh GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  0e6ed4685004e8c2
jincheng zh GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  e8024bdb8959252e
jincheng zh GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  0ae08c6d5ab6fe88
jincheng zh GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  e3b9f5781af523f4
jincheng zh GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  8fd5a4cfb68bb52c
jincheng zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  7d0619cd9b0f7d08
jincheng en GET / → 303  /enterprise e3b0c44298fc1c14
jincheng en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng en GET /bureau/carriers → 403 text/html; charset=utf-8  4797b267a8ab074a
jincheng en GET /bureau/charter → 403 text/html; charset=utf-8  26bbe875ae717407
jincheng en GET /bureau/charter/runs/1 → 403 text/html; charset=utf-8  57895a90cb5e1660
jincheng en GET /bureau/charter/runs/2 → 403 text/html; charset=utf-8  a47f6828f477b244
jincheng en GET /bureau/charter/runs/99 → 403 text/html; charset=utf-8  5ea7701fc73f53c7
jincheng en GET /bureau/charter/runs/1/pass → 403 text/html; charset=utf-8  f4e783ab5fcc9b28
jincheng en GET /bureau/charter/runs/2/pass → 403 text/html; charset=utf-8  0b6aaee106736de4
jincheng en GET /bureau/charter/runs/99/pass → 403 text/html; charset=utf-8  c826e6013f896eff
jincheng en GET /bureau/checkpoints → 403 text/html; charset=utf-8  aaebbe86b0211b66
jincheng en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  111f5683d5fa2323
jincheng en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  0139eb0bbda07aaf
jincheng en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  4740242d5e92c0d1
jincheng en GET /bureau/devices → 403 text/html; charset=utf-8  e0ce7dfebcf0cb99
jincheng en GET /bureau/enterprises → 403 text/html; charset=utf-8  8e88b6609e0063af
jincheng en GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  15993a6b81a7d676
jincheng en GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  6f9f47e5381a754e
jincheng en GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  52ef9c58c2cd598e
jincheng en GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  599ac5412a9e769a
jincheng en GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  e1d25148bcc7e45b
jincheng en GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  39e3b0c490e2cc16
jincheng en GET /bureau/enterprises/new → 403 text/html; charset=utf-8  dfb657f651086e09
jincheng en GET /bureau/escorts → 403 text/html; charset=utf-8  861e98bfb50d2e73
jincheng en GET /bureau/escorts/1 → 403 text/html; charset=utf-8  c1b6c20f0ec15055
jincheng en GET /bureau/escorts/2 → 403 text/html; charset=utf-8  2117bcf271b273c0
jincheng en GET /bureau/escorts/99 → 403 text/html; charset=utf-8  cfee1a1a819d5d0e
jincheng en GET /bureau/keys → 403 text/html; charset=utf-8  c11d047a111f45d9
jincheng en GET /bureau/passes → 403 text/html; charset=utf-8  043c8428ed4aa11f
jincheng en GET /bureau/passes/1 → 403 text/html; charset=utf-8  1b3e08bde29a6a33
jincheng en GET /bureau/passes/2 → 403 text/html; charset=utf-8  1df12cfed5af5252
jincheng en GET /bureau/passes/99 → 403 text/html; charset=utf-8  c751f94db501d97d
jincheng en GET /bureau/people → 403 text/html; charset=utf-8  d3cd3c01845e82e3
jincheng en GET /bureau/people/1 → 403 text/html; charset=utf-8  9d6a919869a644f2
jincheng en GET /bureau/people/2 → 403 text/html; charset=utf-8  26d3bbe1c8cac595
jincheng en GET /bureau/people/99 → 403 text/html; charset=utf-8  cf252a345a8246a4
jincheng en GET /bureau/rules → 403 text/html; charset=utf-8  886a431680d768fb
jincheng en GET /bureau/rules/1 → 403 text/html; charset=utf-8  c41e05a05298ec60
jincheng en GET /bureau/rules/2 → 403 text/html; charset=utf-8  83363abefe3f403c
jincheng en GET /bureau/rules/99 → 403 text/html; charset=utf-8  43287bc934b98104
jincheng en GET /bureau/rules/draft → 403 text/html; charset=utf-8  14e9b6b6e9769a4c
jincheng en GET /bureau/rules/playground → 403 text/html; charset=utf-8  ef0c91b0eeed8b31
jincheng en GET /bureau/staff → 403 text/html; charset=utf-8  89f3791d1b0d441d
jincheng en GET /bureau/tokens → 403 text/html; charset=utf-8  97c1b84db9e7f461
jincheng en GET /bureau/vehicles → 403 text/html; charset=utf-8  41b862745142cfd1
jincheng en GET /bureau/webhooks → 403 text/html; charset=utf-8  be5605f37f93edf3
jincheng en GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  4516b9ae77f72b08
jincheng en GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  4f09112fb4b9eba3
jincheng en GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  3b3bed48bffed300
jincheng en GET /carrier → 403 text/html; charset=utf-8  311e5b5298b618c9
jincheng en GET /carrier/runs/1 → 403 text/html; charset=utf-8  3da81de465d1e515
jincheng en GET /carrier/runs/2 → 403 text/html; charset=utf-8  59c2e9375cd1fc2b
jincheng en GET /carrier/runs/99 → 403 text/html; charset=utf-8  f6629bdddcd20df0
jincheng en GET /carrier/runs/1/pass → 403 text/html; charset=utf-8  0503672c35dab13b
jincheng en GET /carrier/runs/2/pass → 403 text/html; charset=utf-8  d40a5b108158feb1
jincheng en GET /carrier/runs/99/pass → 403 text/html; charset=utf-8  464e5f633ada13c4
jincheng en GET /enterprise → 200 text/html; charset=utf-8  abc5bbda5e28e284
jincheng en GET /enterprise/charter → 200 text/html; charset=utf-8  6e877de504b6c503
jincheng en GET /enterprise/charter/runs/1 → 404 text/html; charset=utf-8  36eca03af08584a8
jincheng en GET /enterprise/charter/runs/2 → 404 text/html; charset=utf-8  08d9a490a42d8442
jincheng en GET /enterprise/charter/runs/99 → 404 text/html; charset=utf-8  e69228f457f0dd19
jincheng en GET /enterprise/checks → 200 text/html; charset=utf-8  e4d983d6c108cc2a
jincheng en GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  747f6d50c665aa77
jincheng en GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  031eb4c58d7eadcb
jincheng en GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  82372da4ebd95ebe
jincheng en GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  a19ff66c2cb90d41
jincheng en GET /enterprise/passes → 200 text/html; charset=utf-8  22db35c73065129c
jincheng en GET /enterprise/passes/1 → 200 text/html; charset=utf-8  244ac32df91d8c20
jincheng en GET /enterprise/passes/2 → 200 text/html; charset=utf-8  a45e39f31ac14d9b
jincheng en GET /enterprise/passes/99 → 404 text/html; charset=utf-8  b724624770bf166d
jincheng en GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  9a244199bad9b4e9
jincheng en GET /enterprise/passes/new → 200 text/html; charset=utf-8  3278a97fd94cf846
jincheng en GET /enterprise/people → 200 text/html; charset=utf-8  0016e00297b33959
jincheng en GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  994e6971e76a997d
jincheng en GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  87c8de1ffb5a0a7c
jincheng en GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  3dc70f11a73cc238
jincheng en GET /enterprise/people/new → 200 text/html; charset=utf-8  f1a44e20e531d269
jincheng en GET /enterprise/tokens → 200 text/html; charset=utf-8  45fe09c2e57b4a4f
jincheng en GET /enterprise/vehicles → 200 text/html; charset=utf-8  635cd55fb3b3825c
jincheng en GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  94f51947e1c13fa5
jincheng en GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  1b4a2c867faa4107
jincheng en GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  e64b961a3a5acd83
jincheng en GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  339a6a488c5645fa
jincheng en GET /enterprise/webhooks → 200 text/html; charset=utf-8  e5303e7efbee1698
jincheng en GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  b6fc44b0124dfbec
jincheng en GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  ba035567db671d74
jincheng en GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  2f89688051f97cec
jincheng en GET /login → 303  / e3b0c44298fc1c14
jincheng en GET /passes/1/print → 200 text/html; charset=utf-8  635384bdb20c6628
jincheng en GET /passes/2/print → 409 text/html; charset=utf-8  ea0f6acbca2112c7
jincheng en GET /passes/99/print → 404 text/html; charset=utf-8  d9e5031b4f446722
jincheng en GET /password → 200 text/html; charset=utf-8  ecd60eb46c986506
jincheng en GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  1e6a65d9d6ea4749
jincheng en GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  b07195b2ded3884f
jincheng en GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  a7ae8f5ab3a55cae
jincheng en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  0cadf1be7882f8b1
jincheng en GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  300c69452d586ffd
jincheng en GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  466ce19cd1a303bf
jincheng en GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  c4d5a9c13736adcb
jincheng en GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  dab68d1991f886f0
jincheng en GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  60b1b3d610e2fb7f
jincheng en GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  0edc36c5eb7da49a
jincheng en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  95c83851270befab
boss POST /bureau/enterprises → 400 text/html; charset=utf-8  d4cf03650a4744d5
boss POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  304b3100468691ea
boss POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  fcd8c4a51b16117c
boss POST /bureau/checkpoints → 400 text/html; charset=utf-8  d547ffd16a146d42
boss POST /bureau/checkpoints/1/staff → 400 text/html; charset=utf-8  60da061410dcad7e
boss POST /bureau/staff → 400 text/html; charset=utf-8  7268d0e819cc6178
boss POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  7bbe432ae6f9d0c4
boss POST /enterprise/passes → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/people → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/people/1 → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/vehicles → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/contact → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  41727c63b45e18f1
boss POST /password → 400 text/html; charset=utf-8  1f520cfb2d0f9b4b
officer POST /bureau/enterprises → 400 text/html; charset=utf-8  7f30571d1437c93a
officer POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  e39e1c1f88a24596
officer POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  e6508c82d776b782
officer POST /bureau/checkpoints → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /bureau/staff → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  0b1c83b75863b535
officer POST /enterprise/passes → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/people → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/people/1 → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/vehicles → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/contact → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  dbf7fdffc53befe5
officer POST /password → 400 text/html; charset=utf-8  d88487a40c8c8989
jincheng POST /bureau/enterprises → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /bureau/enterprises/1/users → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /bureau/checkpoints → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /bureau/staff → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /bureau/passes/2/reject → 403 text/html; charset=utf-8  a744f7dd43f8cfa7
jincheng POST /enterprise/passes → 400 text/html; charset=utf-8  044c6e068cc181e7
jincheng POST /enterprise/passes/2/edit → 400 text/html; charset=utf-8  e88ce756552d77a2
jincheng POST /enterprise/people → 400 text/html; charset=utf-8  9d3797b11eee45d8
jincheng POST /enterprise/people/1 → 400 text/html; charset=utf-8  233050e0a88d8228
jincheng POST /enterprise/vehicles → 400 text/html; charset=utf-8  2d2a2cf292f7f6ff
jincheng POST /enterprise/vehicles/1 → 400 text/html; charset=utf-8  b196b65c2dcc103e
jincheng POST /enterprise/contact → 400 text/html; charset=utf-8  bfd3c64ef181fe04
jincheng POST /enterprise/escorts/1/dispatch → 400 text/html; charset=utf-8  9e183bee51bf2cb8
jincheng POST /password → 400 text/html; charset=utf-8  d2e23d42cc2a442d
`
