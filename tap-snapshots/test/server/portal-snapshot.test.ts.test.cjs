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
boss zh GET / → 200 text/html; charset=utf-8  88d193dcfe6a264d
boss zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss zh GET /bureau/checkpoints → 200 text/html; charset=utf-8  0298aa5acd9778b8
boss zh GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  34921e1fea784357
boss zh GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  1735855f12c7bcb9
boss zh GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  112eb2ea40d4a621
boss zh GET /bureau/devices → 200 text/html; charset=utf-8  56715edf75592643
boss zh GET /bureau/enterprises → 200 text/html; charset=utf-8  5e705518d7f70112
boss zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  5ed2db3d09e05f61
boss zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  15a328cd91518ac3
boss zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  51fa627e1a14953b
boss zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  3dec5b43b5b5a607
boss zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  e43f665074f61bed
boss zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  6a07b3b20ee86dc0
boss zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  5a7f991cdb1df282
boss zh GET /bureau/escorts → 200 text/html; charset=utf-8  4fcc5ab1e30c6d10
boss zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  de53fb029cda1fd1
boss zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  2477968bb2977107
boss zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  f800d0f4f5a6ea68
boss zh GET /bureau/keys → 200 text/html; charset=utf-8  cf128566bda2fb27
boss zh GET /bureau/passes → 200 text/html; charset=utf-8  5f2a41058a2aed5c
boss zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  a57c923ffb3d7097
boss zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  dfe2df617baa0a45
boss zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  199b6afffa9bc7f7
boss zh GET /bureau/people → 200 text/html; charset=utf-8  6d31b3981fa7f2df
boss zh GET /bureau/people/1 → 200 text/html; charset=utf-8  26b61d5c13ce50af
boss zh GET /bureau/people/2 → 200 text/html; charset=utf-8  a8cb0c7042fa3919
boss zh GET /bureau/people/99 → 404 text/html; charset=utf-8  44d603cf5cb0dee8
boss zh GET /bureau/rules → 200 text/html; charset=utf-8  05b28e7c84b23f58
boss zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  289ebb1b902daf97
boss zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  e29b9c7e7e81614f
boss zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  2ce5cfd5bf7617cc
boss zh GET /bureau/rules/draft → 200 text/html; charset=utf-8  90404a63c6a64ceb
boss zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  4630334049e0c3ce
boss zh GET /bureau/staff → 200 text/html; charset=utf-8  670f8b737c8e5c1c
boss zh GET /bureau/tokens → 200 text/html; charset=utf-8  ad233c9ca80f32f4
boss zh GET /bureau/vehicles → 200 text/html; charset=utf-8  822b652760b3a20a
boss zh GET /bureau/webhooks → 200 text/html; charset=utf-8  12ddb2ee8a28de31
boss zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  d8a6ed170b0e304d
boss zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  fd68c9d676d8ef9d
boss zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  379173183497d411
boss zh GET /enterprise → 403 text/html; charset=utf-8  8203e0a5d7ca062e
boss zh GET /enterprise/checks → 403 text/html; charset=utf-8  221f232cd437f3b9
boss zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  93a905ab5511337d
boss zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  e25ff489d57b4ced
boss zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  8efb30bd96502821
boss zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  de2dc32aa4425a7f
boss zh GET /enterprise/passes → 403 text/html; charset=utf-8  2ac6f81c23ebb513
boss zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  e335c4d11af5bc93
boss zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  3609f7d426674538
boss zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  8666b8f7b367c0f9
boss zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  d1c6dc588545e8d7
boss zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  cb99a810c25b2551
boss zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  c807bc4333fca13a
boss zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  26344240d7a41d9d
boss zh GET /enterprise/people → 403 text/html; charset=utf-8  be66d578b3521f1f
boss zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  4463a637857b6d69
boss zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  e30704500bfff873
boss zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  0e5eb7e0769581ff
boss zh GET /enterprise/people/new → 403 text/html; charset=utf-8  8b4ba85224b0fd00
boss zh GET /enterprise/tokens → 403 text/html; charset=utf-8  2e062ad35bebacfe
boss zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  a4dcf0256df34254
boss zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  608b1c3a8e5e4aff
boss zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  e1ae85dc43ab40ff
boss zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  59ac14df625296b8
boss zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  8c2b1d627160bb19
boss zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  2f32df39f24339cb
boss zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  622363e55553649b
boss zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  e8bd40cfeaf5282d
boss zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  aad01f9a4cf17bdf
boss zh GET /login → 303  / e3b0c44298fc1c14
boss zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
boss zh GET /passes/2/print → 409 text/html; charset=utf-8  dc15a6df965160ca
boss zh GET /passes/99/print → 404 text/html; charset=utf-8  33e0d28f3d144e6d
boss zh GET /password → 200 text/html; charset=utf-8  f1409e2a626edf63
boss zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  b33d9b2a29f167fd
boss zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  59a725bde7d4d542
boss zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  dab1d0e78fea5b7b
boss zh GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  6a2122f8fa6e01bb
boss zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  91c52bad8f53abf3
boss zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  109157868c99c0ac
boss zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  c5c651a773257f99
boss zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  82f23decd5209535
boss zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  127ccb791f538f50
boss zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  6382e19fbe686a36
boss zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  561d51ccc03a102e
boss en GET / → 200 text/html; charset=utf-8  78d0ca6e88f78146
boss en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss en GET /bureau/checkpoints → 200 text/html; charset=utf-8  5ae8d174081d505c
boss en GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  4dc2093a2f2692c6
boss en GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  2e67127b4589232a
boss en GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  9058e84b3cff532b
boss en GET /bureau/devices → 200 text/html; charset=utf-8  ccd677ec2b591d7f
boss en GET /bureau/enterprises → 200 text/html; charset=utf-8  5f9ce7701ad34b37
boss en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  7a56fa7484606c64
boss en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  fbf312115aede12a
boss en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  3d8a76b7d1826172
boss en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  fe8bd47642bf43d1
boss en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  183fb1b1e8e7a93a
boss en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  c6994be141dea335
boss en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  2354c19b3dd898bb
boss en GET /bureau/escorts → 200 text/html; charset=utf-8  477d7b5b04c979ba
boss en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  80d1589a33b1ec58
boss en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  291fb2ccb64103b0
boss en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  13e91588c49ffd47
boss en GET /bureau/keys → 200 text/html; charset=utf-8  8f7b47a750047cdc
boss en GET /bureau/passes → 200 text/html; charset=utf-8  97a8e377082b201a
boss en GET /bureau/passes/1 → 200 text/html; charset=utf-8  44bc8d1bf86b1a35
boss en GET /bureau/passes/2 → 200 text/html; charset=utf-8  00857e846b396529
boss en GET /bureau/passes/99 → 404 text/html; charset=utf-8  0a51596b6ded88c7
boss en GET /bureau/people → 200 text/html; charset=utf-8  3a03bc67af3b14e8
boss en GET /bureau/people/1 → 200 text/html; charset=utf-8  98ba287b2392c1cb
boss en GET /bureau/people/2 → 200 text/html; charset=utf-8  2cae369d63a9dd30
boss en GET /bureau/people/99 → 404 text/html; charset=utf-8  2dc918e5928c772c
boss en GET /bureau/rules → 200 text/html; charset=utf-8  7f29ae18902a1a89
boss en GET /bureau/rules/1 → 200 text/html; charset=utf-8  1582570e38c30a4e
boss en GET /bureau/rules/2 → 404 text/html; charset=utf-8  a683426c424039c5
boss en GET /bureau/rules/99 → 404 text/html; charset=utf-8  d0d8c3ecc3757142
boss en GET /bureau/rules/draft → 200 text/html; charset=utf-8  5d08b46fc1daeb63
boss en GET /bureau/rules/playground → 200 text/html; charset=utf-8  a89a88130fcc767b
boss en GET /bureau/staff → 200 text/html; charset=utf-8  61d66fd40ba01ac8
boss en GET /bureau/tokens → 200 text/html; charset=utf-8  55c6906e1089c574
boss en GET /bureau/vehicles → 200 text/html; charset=utf-8  e599927e9ad2a231
boss en GET /bureau/webhooks → 200 text/html; charset=utf-8  10a271b14ce24aea
boss en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  b0e4ca6d78283c2e
boss en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  4b2b1052b7f4e209
boss en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  897787cd994906d7
boss en GET /enterprise → 403 text/html; charset=utf-8  c5986fb509ff90eb
boss en GET /enterprise/checks → 403 text/html; charset=utf-8  ba70a082a133b7b7
boss en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  823379d95ea017f3
boss en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  b4b9e02e5a844dc3
boss en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  ab29202c71e2a726
boss en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  b9e8b62435d1fc03
boss en GET /enterprise/passes → 403 text/html; charset=utf-8  857d5e1fd4fb3518
boss en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  b428036c7ef961e1
boss en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  bc30f021e9ceb126
boss en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  9d486bc473e79c61
boss en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  cfb88696674190a6
boss en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  916199a50dcba904
boss en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  a5c247d93a614ef0
boss en GET /enterprise/passes/new → 403 text/html; charset=utf-8  2c14b2d4793dbd7a
boss en GET /enterprise/people → 403 text/html; charset=utf-8  c7bc68abbff0d120
boss en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  40b403873945ba96
boss en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  5890e2e9a061426c
boss en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  05dbcd690a151ac9
boss en GET /enterprise/people/new → 403 text/html; charset=utf-8  4e61d39e578f686d
boss en GET /enterprise/tokens → 403 text/html; charset=utf-8  61bbf9b80de75ded
boss en GET /enterprise/vehicles → 403 text/html; charset=utf-8  12d6d25cfd6d7967
boss en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  fb992ac11bb80589
boss en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  3d51e202b6b2c210
boss en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  8a5edf1a872ebd38
boss en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  06d46238f5866eb8
boss en GET /enterprise/webhooks → 403 text/html; charset=utf-8  98a2e7d652ced1c9
boss en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  f1687500e85ed441
boss en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  ad0c92adffdbd615
boss en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  275bdf6917e6e07f
boss en GET /login → 303  / e3b0c44298fc1c14
boss en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
boss en GET /passes/2/print → 409 text/html; charset=utf-8  b07bb56c485eab30
boss en GET /passes/99/print → 404 text/html; charset=utf-8  4bec014b75ff1f29
boss en GET /password → 200 text/html; charset=utf-8  b87c58aedab99718
boss en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  2a00502496a30b23
boss en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  a1bc41a156270b89
boss en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  f66104392068f88f
boss en GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  671f90a666474c70
boss en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  9e65d8f1b86a1084
boss en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  0bdc146bcae5ca37
boss en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  414c668ab0b51a27
boss en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  d77fece52b6f237c
boss en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  562930ecbec039d6
boss en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  25286ee25c28063b
boss en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  e08466b68f38ae0a
officer zh GET / → 200 text/html; charset=utf-8  a23497e783119f5a
officer zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  9dec5e4b8272cbc5
officer zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  0d2c36b3305aab9c
officer zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  2a58c7c20de1e613
officer zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  4057703fbcbbbc2a
officer zh GET /bureau/devices → 403 text/html; charset=utf-8  81b6e287b79b6e8a
officer zh GET /bureau/enterprises → 200 text/html; charset=utf-8  46cab8ff2c70b943
officer zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  f7555306a9c2b9bd
officer zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  7cd6d68774f0a96e
officer zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  2564b1327a5f5972
officer zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  31665496e3a04a7a
officer zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  6611982b354a8617
officer zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  a4533589021538e6
officer zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  0c04243824a5859b
officer zh GET /bureau/escorts → 200 text/html; charset=utf-8  ab0d346ac23dedb5
officer zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  bc1c3e02c5b43e2e
officer zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  cc77b3d1fdb3e883
officer zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  2f4461433a807463
officer zh GET /bureau/keys → 403 text/html; charset=utf-8  78ec9fd2a2ef0ffe
officer zh GET /bureau/passes → 200 text/html; charset=utf-8  8becefacf1bf0ccf
officer zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  0e3c7898d67a1b7f
officer zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  80fdacef00a045c8
officer zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  c0516cd3ddede2d9
officer zh GET /bureau/people → 200 text/html; charset=utf-8  bdeaf9483e8b10c6
officer zh GET /bureau/people/1 → 200 text/html; charset=utf-8  ff2e3d48d9c8494a
officer zh GET /bureau/people/2 → 200 text/html; charset=utf-8  8ac7470553da2890
officer zh GET /bureau/people/99 → 404 text/html; charset=utf-8  564b4777e0636860
officer zh GET /bureau/rules → 403 text/html; charset=utf-8  8335e402b94086c4
officer zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  2598021a952a6101
officer zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  875ec39635628c2d
officer zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  be9f168a6729c365
officer zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  58e6f99c20f7f649
officer zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  57f199c76eb24a16
officer zh GET /bureau/staff → 403 text/html; charset=utf-8  47ce6af6d19b6bc1
officer zh GET /bureau/tokens → 403 text/html; charset=utf-8  31746cef9a7c0628
officer zh GET /bureau/vehicles → 200 text/html; charset=utf-8  a1df37b5b1c49bfb
officer zh GET /bureau/webhooks → 200 text/html; charset=utf-8  5e2785c13d2ee601
officer zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  ccfa9574d45c350f
officer zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  b2c2738109f45e15
officer zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  244adf8153a5b4d0
officer zh GET /enterprise → 403 text/html; charset=utf-8  a5041db90612a759
officer zh GET /enterprise/checks → 403 text/html; charset=utf-8  be5c28754645ce56
officer zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  9035dc3ee1218055
officer zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  0574f0f725f6d76f
officer zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  5ffeca234e846367
officer zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  903ac5c3ee245aca
officer zh GET /enterprise/passes → 403 text/html; charset=utf-8  baad2f02c7debaf8
officer zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  57d7f659e5820346
officer zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  00abd1a9b2d72cc2
officer zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  be12163a4b2b7960
officer zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  c4ea82f299671283
officer zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  2dea03f7e11e2944
officer zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  f9d8af7f77026852
officer zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  e3c99d008dc7c674
officer zh GET /enterprise/people → 403 text/html; charset=utf-8  b2d0d6ccb291016d
officer zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  6916ec42f75200c9
officer zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  5d3b2f462f0e849b
officer zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  272d9e158e67d099
officer zh GET /enterprise/people/new → 403 text/html; charset=utf-8  213f5bcfd4f81dda
officer zh GET /enterprise/tokens → 403 text/html; charset=utf-8  1abd8012adcd8bb6
officer zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  6f6c9b1f122a4795
officer zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  d5843dac71961b3e
officer zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  27e1eacbbdaaf1d9
officer zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  c3baadc8fb62b251
officer zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  7c7d4b4f872b6a69
officer zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  1b0219efe8fa3a42
officer zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  9010d3c7f87cc7a0
officer zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  2b93e3cd31babdcd
officer zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  a9da576fbbfb43f5
officer zh GET /login → 303  / e3b0c44298fc1c14
officer zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
officer zh GET /passes/2/print → 409 text/html; charset=utf-8  2040fd8d6f718c89
officer zh GET /passes/99/print → 404 text/html; charset=utf-8  067b94881104373c
officer zh GET /password → 200 text/html; charset=utf-8  c0ace0974eb7f136
officer zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  68a4347a4eeca405
officer zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  bf38230caa7666b0
officer zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  03528e448d21cdab
officer zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  60c378f9dd3b3750
officer zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  ff32f7a22a89e172
officer zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  fcc883df03ff7fc4
officer zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  c08f596a4263f1c5
officer zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  c6367d98c6cbb018
officer zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  e1cc40a59da2caaa
officer zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  82a9c86162dcc15a
officer zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  297930237891bf16
officer en GET / → 200 text/html; charset=utf-8  99251e0bff6258ee
officer en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer en GET /bureau/checkpoints → 403 text/html; charset=utf-8  40d4dcad78220e1a
officer en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  bca0d1883a9837f1
officer en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  c04535369e0d78d6
officer en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  1bb6a35a40cf902f
officer en GET /bureau/devices → 403 text/html; charset=utf-8  b24134bc27d5cf71
officer en GET /bureau/enterprises → 200 text/html; charset=utf-8  ad4cf27682efc5a1
officer en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  d6f8d3d22d2e1fc7
officer en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  11b33fb6a8af45bc
officer en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  97a791a97a5e257a
officer en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  fb7e6831d3eaa3d5
officer en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  021c1cc44650dcc9
officer en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  2d0de1dc60fa3ebc
officer en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  a589ede6123ed91e
officer en GET /bureau/escorts → 200 text/html; charset=utf-8  100091c425a5de8f
officer en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  9422d4408e31083e
officer en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  36e7d2a0ca0b88c4
officer en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  6bde74a098621883
officer en GET /bureau/keys → 403 text/html; charset=utf-8  9b98b36a8bb61c98
officer en GET /bureau/passes → 200 text/html; charset=utf-8  9eeb79c553b7d021
officer en GET /bureau/passes/1 → 200 text/html; charset=utf-8  6475b2c851e8d661
officer en GET /bureau/passes/2 → 200 text/html; charset=utf-8  d882a54e823f3966
officer en GET /bureau/passes/99 → 404 text/html; charset=utf-8  b8e136cd07f55922
officer en GET /bureau/people → 200 text/html; charset=utf-8  514d2c986ec034a4
officer en GET /bureau/people/1 → 200 text/html; charset=utf-8  61a643fc8ad4377c
officer en GET /bureau/people/2 → 200 text/html; charset=utf-8  0aa59f9193c4a548
officer en GET /bureau/people/99 → 404 text/html; charset=utf-8  631efbd878887706
officer en GET /bureau/rules → 403 text/html; charset=utf-8  a34b58f2f4268e84
officer en GET /bureau/rules/1 → 200 text/html; charset=utf-8  20651906c6d45850
officer en GET /bureau/rules/2 → 404 text/html; charset=utf-8  fcb06299a6956cb2
officer en GET /bureau/rules/99 → 404 text/html; charset=utf-8  a13593f7897a2eff
officer en GET /bureau/rules/draft → 403 text/html; charset=utf-8  62bc83fd5999511c
officer en GET /bureau/rules/playground → 200 text/html; charset=utf-8  038571ae01abe43b
officer en GET /bureau/staff → 403 text/html; charset=utf-8  76b163ec7d6d9cbe
officer en GET /bureau/tokens → 403 text/html; charset=utf-8  3c2ba63451b2cfe1
officer en GET /bureau/vehicles → 200 text/html; charset=utf-8  614c166edb9c1b87
officer en GET /bureau/webhooks → 200 text/html; charset=utf-8  0399f2ba2ef48364
officer en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  ab3439c91c5cc3af
officer en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  0b4ed2b8507dc19f
officer en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  4f0f41691990fc86
officer en GET /enterprise → 403 text/html; charset=utf-8  40a43dc93814fd73
officer en GET /enterprise/checks → 403 text/html; charset=utf-8  6f78d69b843fa1d0
officer en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  e71829edc3902b5d
officer en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  5abf4af405c9a851
officer en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  4f41d5d4cdf6a1c3
officer en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  7673b7260557205a
officer en GET /enterprise/passes → 403 text/html; charset=utf-8  e3eb02ad256751eb
officer en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  5ed9280f37da806b
officer en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  9c8dc4459eaa1db8
officer en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  9b8b8173845f4931
officer en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  207a480373949c55
officer en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  9c90505bd4aa06de
officer en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  75057e6e1fea325c
officer en GET /enterprise/passes/new → 403 text/html; charset=utf-8  7450810abd474349
officer en GET /enterprise/people → 403 text/html; charset=utf-8  b78e6581438fbb8b
officer en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  bf34e023f1995e6b
officer en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  3246903ef96b3821
officer en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  1d91ce8129465a33
officer en GET /enterprise/people/new → 403 text/html; charset=utf-8  ad9608214d0dadb6
officer en GET /enterprise/tokens → 403 text/html; charset=utf-8  28ea5cdd087056ca
officer en GET /enterprise/vehicles → 403 text/html; charset=utf-8  cc56ed98266bb303
officer en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  7ddc9e37c33a0892
officer en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  54a1dac52b204b2c
officer en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  6b87e143271847e0
officer en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  d1b07feca44b0ea6
officer en GET /enterprise/webhooks → 403 text/html; charset=utf-8  139740a10f395488
officer en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  5eb937e63eb6463f
officer en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  64f1001be57633b2
officer en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  ef45b73542b92da3
officer en GET /login → 303  / e3b0c44298fc1c14
officer en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
officer en GET /passes/2/print → 409 text/html; charset=utf-8  118dbf68a95009cc
officer en GET /passes/99/print → 404 text/html; charset=utf-8  f891bf2a63ef6211
officer en GET /password → 200 text/html; charset=utf-8  601f25194c7428cc
officer en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  86fc96610df05b3b
officer en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  e6ae5d50bef9d70b
officer en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  384d6d0187717229
officer en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  e32e6bbd14c895d5
officer en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  56163b7c23321778
officer en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  61a6c19ca0c10cb0
officer en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  150678b0c70870bf
officer en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  8ad3ad92497e8e2c
officer en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  4c3628c04e57799e
officer en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  f18bf020260f2157
officer en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  dbea121709e52fcd
jincheng zh GET / → 303  /enterprise e3b0c44298fc1c14
jincheng zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  a276a06c3523ecac
jincheng zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  c6c0646cce826ef9
jincheng zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  1f08dddaa925e09e
jincheng zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  00e09ddb62b322be
jincheng zh GET /bureau/devices → 403 text/html; charset=utf-8  f75182c4b74ccdcd
jincheng zh GET /bureau/enterprises → 403 text/html; charset=utf-8  5b9b8bdf18504a53
jincheng zh GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  64c4be90da333490
jincheng zh GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  b712764ef8c56f08
jincheng zh GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  b0fd4019877c1fcd
jincheng zh GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  09dea5d3003a06d5
jincheng zh GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  1ef5d5c04ebe3890
jincheng zh GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  5da4dbd81ed0ae29
jincheng zh GET /bureau/enterprises/new → 403 text/html; charset=utf-8  ec3fe878f9a3731d
jincheng zh GET /bureau/escorts → 403 text/html; charset=utf-8  323da262bdc1131d
jincheng zh GET /bureau/escorts/1 → 403 text/html; charset=utf-8  a1081e6b818f657f
jincheng zh GET /bureau/escorts/2 → 403 text/html; charset=utf-8  5b1ed8173be368ff
jincheng zh GET /bureau/escorts/99 → 403 text/html; charset=utf-8  d227bbcee47a9a15
jincheng zh GET /bureau/keys → 403 text/html; charset=utf-8  3ac9d79b58176ab7
jincheng zh GET /bureau/passes → 403 text/html; charset=utf-8  989a719ea518017d
jincheng zh GET /bureau/passes/1 → 403 text/html; charset=utf-8  ac9fade44426d863
jincheng zh GET /bureau/passes/2 → 403 text/html; charset=utf-8  97c9f63cd2b664c7
jincheng zh GET /bureau/passes/99 → 403 text/html; charset=utf-8  c5e9749f239f699a
jincheng zh GET /bureau/people → 403 text/html; charset=utf-8  048244fdef05e93e
jincheng zh GET /bureau/people/1 → 403 text/html; charset=utf-8  5ff593282c1f2917
jincheng zh GET /bureau/people/2 → 403 text/html; charset=utf-8  aef117add91f88d7
jincheng zh GET /bureau/people/99 → 403 text/html; charset=utf-8  0cdf517a7cafd96f
jincheng zh GET /bureau/rules → 403 text/html; charset=utf-8  a99b39eed9a92724
jincheng zh GET /bureau/rules/1 → 403 text/html; charset=utf-8  b216c5bb5b680674
jincheng zh GET /bureau/rules/2 → 403 text/html; charset=utf-8  edf35da05f7493c3
jincheng zh GET /bureau/rules/99 → 403 text/html; charset=utf-8  d4aac999132208c0
jincheng zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  8539afde517893e3
jincheng zh GET /bureau/rules/playground → 403 text/html; charset=utf-8  7b31742b815bfed5
jincheng zh GET /bureau/staff → 403 text/html; charset=utf-8  56346e0188d97976
jincheng zh GET /bureau/tokens → 403 text/html; charset=utf-8  108a3f59bb5b195b
jincheng zh GET /bureau/vehicles → 403 text/html; charset=utf-8  1fd0ba9bf557908d
jincheng zh GET /bureau/webhooks → 403 text/html; charset=utf-8  8bc98918ee438d15
jincheng zh GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  0d6c3e9abbf63f32
jincheng zh GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  92c2a9890827a5b5
jincheng zh GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  bf72bf30483eea32
jincheng zh GET /enterprise → 200 text/html; charset=utf-8  f1f4aef595770811
jincheng zh GET /enterprise/checks → 200 text/html; charset=utf-8  c079c94386c603bd
jincheng zh GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  f8592e797125e547
jincheng zh GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  63f451ca18670b18
jincheng zh GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  b963a58cf477f8dd
jincheng zh GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  25265b281cb48ba4
jincheng zh GET /enterprise/passes → 200 text/html; charset=utf-8  fc1d40b04274a372
jincheng zh GET /enterprise/passes/1 → 200 text/html; charset=utf-8  abe710b7ae954745
jincheng zh GET /enterprise/passes/2 → 200 text/html; charset=utf-8  405653142edeccdd
jincheng zh GET /enterprise/passes/99 → 404 text/html; charset=utf-8  5bc3a8ca87dbd939
jincheng zh GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  10ad15885def04c4
jincheng zh GET /enterprise/passes/new → 200 text/html; charset=utf-8  ec08564f95f896d7
jincheng zh GET /enterprise/people → 200 text/html; charset=utf-8  c5c3d5fbd44e4c8b
jincheng zh GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  36db10d71180d6be
jincheng zh GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  9dd3f65a2aae37c9
jincheng zh GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  b217228c2018be6d
jincheng zh GET /enterprise/people/new → 200 text/html; charset=utf-8  e5ec39961feb4213
jincheng zh GET /enterprise/tokens → 200 text/html; charset=utf-8  b1fc1cb1871ce703
jincheng zh GET /enterprise/vehicles → 200 text/html; charset=utf-8  4e3e8587b66ab69c
jincheng zh GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  b9305a23d3722b7e
jincheng zh GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  ffd33f8d443a0b21
jincheng zh GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  b0f47d6656962d85
jincheng zh GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  2db37e1e67e8a7c1
jincheng zh GET /enterprise/webhooks → 200 text/html; charset=utf-8  535e36e4c847aa69
jincheng zh GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  9df2fd36c2d57893
jincheng zh GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  f3e95a780b956b14
jincheng zh GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  81e78214931e626d
jincheng zh GET /login → 303  / e3b0c44298fc1c14
jincheng zh GET /passes/1/print → 200 text/html; charset=utf-8  265d1d6aa18b7ba9
jincheng zh GET /passes/2/print → 409 text/html; charset=utf-8  e71ae6324d260340
jincheng zh GET /passes/99/print → 404 text/html; charset=utf-8  83b11e3802319ecc
jincheng zh GET /password → 200 text/html; charset=utf-8  12859ae83063c9f5
jincheng zh GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  bd6d5e3b8d25067a
jincheng zh GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  473ff1d65f2a399c
jincheng zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  d06ec39281511e0e
jincheng zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  d8a2f2628a2bb2ca
jincheng zh GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  320dfa295df2ba5e
jincheng zh GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  49728c430c74359e
jincheng zh GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  0a29782d1d2815e6
jincheng zh GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  6391939a69062335
jincheng zh GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  636b6ed43aca6149
jincheng zh GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  887ae6aa4b16d2d6
jincheng zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  e8258ef2a91ae01c
jincheng en GET / → 303  /enterprise e3b0c44298fc1c14
jincheng en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng en GET /bureau/checkpoints → 403 text/html; charset=utf-8  33cf3bb5d845fac3
jincheng en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  f1f8a1b812446e6a
jincheng en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  6e4b4b37f769d733
jincheng en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  6e4efd6226930cf9
jincheng en GET /bureau/devices → 403 text/html; charset=utf-8  3b4d9a299e303cde
jincheng en GET /bureau/enterprises → 403 text/html; charset=utf-8  c767468a9adfda83
jincheng en GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  3ad4b41e2ee64903
jincheng en GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  6978b0a939ba0261
jincheng en GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  b0dc1dbba2b3eae7
jincheng en GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  ad5b07feb55b3d72
jincheng en GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  955a4e0b983a4a91
jincheng en GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  754d8100ec86fd24
jincheng en GET /bureau/enterprises/new → 403 text/html; charset=utf-8  4bce2c6f997840e9
jincheng en GET /bureau/escorts → 403 text/html; charset=utf-8  1172562cab9669b3
jincheng en GET /bureau/escorts/1 → 403 text/html; charset=utf-8  cf8e68fdb008a2f1
jincheng en GET /bureau/escorts/2 → 403 text/html; charset=utf-8  4b0f24583aa0b8ce
jincheng en GET /bureau/escorts/99 → 403 text/html; charset=utf-8  890d40a653c0969d
jincheng en GET /bureau/keys → 403 text/html; charset=utf-8  33823bb23b1d7d5e
jincheng en GET /bureau/passes → 403 text/html; charset=utf-8  ec54a426a9d9e9c8
jincheng en GET /bureau/passes/1 → 403 text/html; charset=utf-8  1b32a5d0ca99573b
jincheng en GET /bureau/passes/2 → 403 text/html; charset=utf-8  16fc84c25bf8fe30
jincheng en GET /bureau/passes/99 → 403 text/html; charset=utf-8  03b24bb8b568dafd
jincheng en GET /bureau/people → 403 text/html; charset=utf-8  22fad74cc2794112
jincheng en GET /bureau/people/1 → 403 text/html; charset=utf-8  d949fef17da40d62
jincheng en GET /bureau/people/2 → 403 text/html; charset=utf-8  2c892db8c3e6360d
jincheng en GET /bureau/people/99 → 403 text/html; charset=utf-8  1c998411fd280692
jincheng en GET /bureau/rules → 403 text/html; charset=utf-8  68c516da9b24d5f3
jincheng en GET /bureau/rules/1 → 403 text/html; charset=utf-8  3e461bcf244ab86a
jincheng en GET /bureau/rules/2 → 403 text/html; charset=utf-8  98a1ca665b13a5b7
jincheng en GET /bureau/rules/99 → 403 text/html; charset=utf-8  f659395af4cb6403
jincheng en GET /bureau/rules/draft → 403 text/html; charset=utf-8  a63a87028d90b7d0
jincheng en GET /bureau/rules/playground → 403 text/html; charset=utf-8  70ceeb501402fde6
jincheng en GET /bureau/staff → 403 text/html; charset=utf-8  ba4b5d7508d86a66
jincheng en GET /bureau/tokens → 403 text/html; charset=utf-8  493c9b77180328c8
jincheng en GET /bureau/vehicles → 403 text/html; charset=utf-8  b113855a2c32628c
jincheng en GET /bureau/webhooks → 403 text/html; charset=utf-8  ee6f457aae1a434f
jincheng en GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  b0f603d00444bbfb
jincheng en GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  c4d8c059d15812c3
jincheng en GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  caa3abd3a3bb5b85
jincheng en GET /enterprise → 200 text/html; charset=utf-8  33a65bd4cab9b574
jincheng en GET /enterprise/checks → 200 text/html; charset=utf-8  92b670f63062a17d
jincheng en GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  f36fca167e8e7b32
jincheng en GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  831d69a3e972ce89
jincheng en GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  000a7e1be9fc9d52
jincheng en GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  a19ff66c2cb90d41
jincheng en GET /enterprise/passes → 200 text/html; charset=utf-8  f8f7591871b1625a
jincheng en GET /enterprise/passes/1 → 200 text/html; charset=utf-8  f39957e72011f4aa
jincheng en GET /enterprise/passes/2 → 200 text/html; charset=utf-8  ba281c77b6ee0566
jincheng en GET /enterprise/passes/99 → 404 text/html; charset=utf-8  69155ad01b98189f
jincheng en GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  6e6b0aa89257a2e4
jincheng en GET /enterprise/passes/new → 200 text/html; charset=utf-8  632817e232392fc6
jincheng en GET /enterprise/people → 200 text/html; charset=utf-8  da1ab81b1462d57f
jincheng en GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  0f498e75ee25bc79
jincheng en GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  3ece1e7975db2fd0
jincheng en GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  2c92b68d30da6f38
jincheng en GET /enterprise/people/new → 200 text/html; charset=utf-8  020fe904371dc61a
jincheng en GET /enterprise/tokens → 200 text/html; charset=utf-8  9efe99e231eff1ec
jincheng en GET /enterprise/vehicles → 200 text/html; charset=utf-8  dc9b872f554bcec7
jincheng en GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  ab0ee521759c483a
jincheng en GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  7cee992a9a82a509
jincheng en GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  8365a43aa90c9934
jincheng en GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  c4ccc13e45326e5b
jincheng en GET /enterprise/webhooks → 200 text/html; charset=utf-8  a4944211e1601aab
jincheng en GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  d3304f85aeaf4dbf
jincheng en GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  721afd450edba8ef
jincheng en GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  36ca1641213a30bf
jincheng en GET /login → 303  / e3b0c44298fc1c14
jincheng en GET /passes/1/print → 200 text/html; charset=utf-8  635384bdb20c6628
jincheng en GET /passes/2/print → 409 text/html; charset=utf-8  c54c8d1176d657c8
jincheng en GET /passes/99/print → 404 text/html; charset=utf-8  2ea5d237bdd60694
jincheng en GET /password → 200 text/html; charset=utf-8  5ce45c060b85d33d
jincheng en GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  a162997ca821d426
jincheng en GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  4b3b571595710b04
jincheng en GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  e788fca4b5c5bfc3
jincheng en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  6daf471d51f97b8e
jincheng en GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  9d6de1f1f36b172c
jincheng en GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  01c71fe9dcfab306
jincheng en GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  2b200bc94dc00361
jincheng en GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  f0fdb3da4dfea524
jincheng en GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  215983a7d10a5549
jincheng en GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  7900670aa6bf741e
jincheng en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  06c4a703da2a1b80
boss POST /bureau/enterprises → 400 text/html; charset=utf-8  3f43cbbe350fa1e4
boss POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  564dc2fad281518e
boss POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  b84b028d542a7846
boss POST /bureau/checkpoints → 400 text/html; charset=utf-8  f689da920c46eb64
boss POST /bureau/checkpoints/1/staff → 400 text/html; charset=utf-8  d9d402a405a27f4c
boss POST /bureau/staff → 400 text/html; charset=utf-8  8d3c64bda2ff987c
boss POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  ff729a7f0fa984b3
boss POST /enterprise/passes → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/people → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/people/1 → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/vehicles → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/contact → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  517aa7bba0e555e9
boss POST /password → 400 text/html; charset=utf-8  75b7f52216128d47
officer POST /bureau/enterprises → 400 text/html; charset=utf-8  4b242fed58a2b9f4
officer POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  8fbb6d469df61f04
officer POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  5a630af57f356dbf
officer POST /bureau/checkpoints → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /bureau/staff → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  e78fa09151b9b581
officer POST /enterprise/passes → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/people → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/people/1 → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/vehicles → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/contact → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  99543c92694d7e85
officer POST /password → 400 text/html; charset=utf-8  12ad23780cb1c9a7
jincheng POST /bureau/enterprises → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /bureau/enterprises/1/users → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /bureau/checkpoints → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /bureau/staff → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /bureau/passes/2/reject → 403 text/html; charset=utf-8  1e0c30e16a318900
jincheng POST /enterprise/passes → 400 text/html; charset=utf-8  82c510a6031fda88
jincheng POST /enterprise/passes/2/edit → 400 text/html; charset=utf-8  3208689a16f0f950
jincheng POST /enterprise/people → 400 text/html; charset=utf-8  1e4e518fbffa52aa
jincheng POST /enterprise/people/1 → 400 text/html; charset=utf-8  526a155f4de2f3b7
jincheng POST /enterprise/vehicles → 400 text/html; charset=utf-8  14a5b492cdf552c4
jincheng POST /enterprise/vehicles/1 → 400 text/html; charset=utf-8  20c9174945a8ab11
jincheng POST /enterprise/contact → 400 text/html; charset=utf-8  9c117312788aea6d
jincheng POST /enterprise/escorts/1/dispatch → 400 text/html; charset=utf-8  115e73ef9ebe905f
jincheng POST /password → 400 text/html; charset=utf-8  83168e3b642902a1
`
