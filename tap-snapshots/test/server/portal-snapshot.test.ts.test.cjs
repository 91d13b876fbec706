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
boss zh GET / → 200 text/html; charset=utf-8  5c842a5003150023
boss zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss zh GET /bureau/checkpoints → 200 text/html; charset=utf-8  5601c4ae60e2086a
boss zh GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  6d37308f4de4b881
boss zh GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  b0b4beebbae9cbfa
boss zh GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  265b3358374e0667
boss zh GET /bureau/devices → 200 text/html; charset=utf-8  51bee4b9bdd9fdc5
boss zh GET /bureau/enterprises → 200 text/html; charset=utf-8  674fe49b81a4583a
boss zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  16e4efdaf3bb9d63
boss zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  6abe48cf668ee261
boss zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  1d0e624a2aac6bd5
boss zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  22edd0a50f0625ca
boss zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  01f7619c866ecd3b
boss zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  dbf15cbd54ead612
boss zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  f8ec9853b1a77622
boss zh GET /bureau/keys → 200 text/html; charset=utf-8  ae4e2b20499a29d4
boss zh GET /bureau/passes → 200 text/html; charset=utf-8  36f8b36dde0c6fd7
boss zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  de04511546afe5f7
boss zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  2a741b6898542d6e
boss zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  30d326e15584a660
boss zh GET /bureau/people → 200 text/html; charset=utf-8  f4622b862a0f44ed
boss zh GET /bureau/people/1 → 200 text/html; charset=utf-8  25b8e7945cd62e26
boss zh GET /bureau/people/2 → 200 text/html; charset=utf-8  cd6ebeb23ba201e9
boss zh GET /bureau/people/99 → 404 text/html; charset=utf-8  7700621304294a19
boss zh GET /bureau/rules → 200 text/html; charset=utf-8  0f19099a0c9060ac
boss zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  b89bde22f7e850af
boss zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  ea26f4041d65c11f
boss zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  0ad37b5cd5502f92
boss zh GET /bureau/rules/draft → 200 text/html; charset=utf-8  eb3f0265cbf42307
boss zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  ca77d1f8ce15c60d
boss zh GET /bureau/staff → 200 text/html; charset=utf-8  da3ef17a35541356
boss zh GET /bureau/tokens → 200 text/html; charset=utf-8  11c99c5126d77b33
boss zh GET /bureau/vehicles → 200 text/html; charset=utf-8  e4483a82ebea4290
boss zh GET /enterprise → 403 text/html; charset=utf-8  8703f02eee721ec4
boss zh GET /enterprise/passes → 403 text/html; charset=utf-8  0256c661597f0ec5
boss zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  b6bc97e6a0c081a7
boss zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  b6d6df3d74c6ed16
boss zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  4dd3afb048be0aa5
boss zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  4b6447cfe1196fe6
boss zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  79790ee4ac64b0de
boss zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  2cf26aa5ee3a4d01
boss zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  f074633377b6091d
boss zh GET /enterprise/people → 403 text/html; charset=utf-8  2ee765605325845b
boss zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  0e29a369ab0dac84
boss zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  0c223d1c2c4ad4eb
boss zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  f80c8648894464bf
boss zh GET /enterprise/people/new → 403 text/html; charset=utf-8  f1860d8d2f7e71bb
boss zh GET /enterprise/tokens → 403 text/html; charset=utf-8  f679cd5d3901ee8d
boss zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  04c7c368684deaaf
boss zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  6933759cc8c98750
boss zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  deadb3339de55512
boss zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  43aab5e5f17dd780
boss zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  9739d03d5343afe1
boss zh GET /login → 303  / e3b0c44298fc1c14
boss zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
boss zh GET /passes/2/print → 409 text/html; charset=utf-8  724f91684dd60486
boss zh GET /passes/99/print → 404 text/html; charset=utf-8  86bf5f45d97355c6
boss zh GET /password → 200 text/html; charset=utf-8  9f83a9782382564e
boss zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  9ce12cd42f52375b
boss zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  c2e7ff70f1dc28f9
boss zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  6dede0eccfdb7c4c
boss zh GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  87e74c57b5b704e8
boss zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  d2253ed5796611f1
boss zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  7416aaf9f19b9582
boss zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  b59e01ed1cb6145a
boss zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  c512e8d941e17055
boss zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  cb676e0bc5dcc015
boss zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  f3dd5aa0427dae3d
boss zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  f74d547fcc8d7f61
boss en GET / → 200 text/html; charset=utf-8  02b91d9d09f68a82
boss en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss en GET /bureau/checkpoints → 200 text/html; charset=utf-8  9cd4871e6eb8c12c
boss en GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  9cffe6f8d54772b2
boss en GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  6936d640aa015fce
boss en GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  82f982cf31df1feb
boss en GET /bureau/devices → 200 text/html; charset=utf-8  777741cdabfec8f9
boss en GET /bureau/enterprises → 200 text/html; charset=utf-8  130c231ac658f367
boss en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  0c7782378bd35f59
boss en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  15ce96c2c761d7a7
boss en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  9f8d4d728c8d72f8
boss en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  ddbf7ffb4ff08ada
boss en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  2525b848167333be
boss en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  c236092cd009445d
boss en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  6d0b0e525a4a604b
boss en GET /bureau/keys → 200 text/html; charset=utf-8  c20fcc345930df2c
boss en GET /bureau/passes → 200 text/html; charset=utf-8  787a8f9c32fd3560
boss en GET /bureau/passes/1 → 200 text/html; charset=utf-8  1696e201d029c6e7
boss en GET /bureau/passes/2 → 200 text/html; charset=utf-8  e3758f17965348cb
boss en GET /bureau/passes/99 → 404 text/html; charset=utf-8  35eb7162fe5bfb2a
boss en GET /bureau/people → 200 text/html; charset=utf-8  0b063476096cb6ee
boss en GET /bureau/people/1 → 200 text/html; charset=utf-8  d88b88f8f33e57e8
boss en GET /bureau/people/2 → 200 text/html; charset=utf-8  2d694e8a8fb8be08
boss en GET /bureau/people/99 → 404 text/html; charset=utf-8  18572193b668ce54
boss en GET /bureau/rules → 200 text/html; charset=utf-8  8005e152ebdc0d05
boss en GET /bureau/rules/1 → 200 text/html; charset=utf-8  2191e00208ca93ca
boss en GET /bureau/rules/2 → 404 text/html; charset=utf-8  2736aac943b1dddb
boss en GET /bureau/rules/99 → 404 text/html; charset=utf-8  34f4854aa2557c76
boss en GET /bureau/rules/draft → 200 text/html; charset=utf-8  766f39a4e2d3574f
boss en GET /bureau/rules/playground → 200 text/html; charset=utf-8  cdb0b2af886c8dca
boss en GET /bureau/staff → 200 text/html; charset=utf-8  751c3cc01213fbb3
boss en GET /bureau/tokens → 200 text/html; charset=utf-8  08fe3fbdfd2d283b
boss en GET /bureau/vehicles → 200 text/html; charset=utf-8  6c9bd843f41faa25
boss en GET /enterprise → 403 text/html; charset=utf-8  fe11799f12513573
boss en GET /enterprise/passes → 403 text/html; charset=utf-8  476f8a4c153930ae
boss en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  6c14e7944355a20e
boss en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  ec2ca84b17fa0518
boss en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  c3f3926da1f175a0
boss en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  72458a4ecacbe895
boss en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  7e13c62eaf310a34
boss en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  26cc43b68fcaa178
boss en GET /enterprise/passes/new → 403 text/html; charset=utf-8  2b41ad5800c6a603
boss en GET /enterprise/people → 403 text/html; charset=utf-8  4b9901316a4cfc3f
boss en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  5ecc3da443eb30de
boss en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  09b7894789429cf7
boss en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  27f3f948adea8718
boss en GET /enterprise/people/new → 403 text/html; charset=utf-8  f030a685a78705ce
boss en GET /enterprise/tokens → 403 text/html; charset=utf-8  bb3ff79f185e9960
boss en GET /enterprise/vehicles → 403 text/html; charset=utf-8  80f5a13f99cf3c5d
boss en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  a8ee1b6df2862743
boss en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  1c07725bdc425957
boss en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  d0b97f3acbb80925
boss en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  8e4bc437450b9675
boss en GET /login → 303  / e3b0c44298fc1c14
boss en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
boss en GET /passes/2/print → 409 text/html; charset=utf-8  6198189dad6796fd
boss en GET /passes/99/print → 404 text/html; charset=utf-8  4ba214154171aa24
boss en GET /password → 200 text/html; charset=utf-8  af5c45630fa2bd86
boss en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  1c158e05df3317ed
boss en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  2a8922f4077f9548
boss en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  812cd5b8f61c28f1
boss en GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  245ff45c08ffee4c
boss en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  9eb01c52ee1c2f44
boss en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  32a7f9ed1c665749
boss en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  c91f3543dca76b40
boss en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  807a2d391858d8ed
boss en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  ea6cf34beea34579
boss en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  d0bd99606d1d38c4
boss en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  0b76ba78646d1e67
officer zh GET / → 200 text/html; charset=utf-8  ebf683c5c74bf1ac
officer zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  d439973499736003
officer zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  34762f7be9f962ac
officer zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  d4fadec53bc0af42
officer zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  b87eac6265208feb
officer zh GET /bureau/devices → 403 text/html; charset=utf-8  f89cae411afccead
officer zh GET /bureau/enterprises → 200 text/html; charset=utf-8  1203a9a68a92f133
officer zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  2cd052cecb4d6569
officer zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  c3ffb0d0a8645006
officer zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  e4691119bf5d8436
officer zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  75fe35c82963177c
officer zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  86caf9cd06cec444
officer zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  8436593dc68db731
officer zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  0c2abe67fe4c9ed0
officer zh GET /bureau/keys → 403 text/html; charset=utf-8  a810ea436649ee92
officer zh GET /bureau/passes → 200 text/html; charset=utf-8  fbe0b63999ae6c53
officer zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  a7a616ea400d59ae
officer zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  ebb7ad1875660bf1
officer zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  f03745ad674bc259
officer zh GET /bureau/people → 200 text/html; charset=utf-8  2ac56f20d3982f7d
officer zh GET /bureau/people/1 → 200 text/html; charset=utf-8  23e460462f732b0e
officer zh GET /bureau/people/2 → 200 text/html; charset=utf-8  929bab8c29bc636d
officer zh GET /bureau/people/99 → 404 text/html; charset=utf-8  f41f27380314421c
officer zh GET /bureau/rules → 403 text/html; charset=utf-8  6e9f7093df3b4000
officer zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  f4513b9a44b2f2b0
officer zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  102a948b4a6aead4
officer zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  861b18bba918e9c1
officer zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  0f1d4ed0b5371f20
officer zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  59d95d868044f424
officer zh GET /bureau/staff → 403 text/html; charset=utf-8  3a3857da530ed653
officer zh GET /bureau/tokens → 403 text/html; charset=utf-8  d85f36c491daa303
officer zh GET /bureau/vehicles → 200 text/html; charset=utf-8  228501d54b41e656
officer zh GET /enterprise → 403 text/html; charset=utf-8  83e8d2cf067ba104
officer zh GET /enterprise/passes → 403 text/html; charset=utf-8  5da92c946e661eec
officer zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  8c92d423cad2f7e1
officer zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  367aadd87c7873c9
officer zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  5808603f99a89165
officer zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  7cf5c08d9e37c399
officer zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  08dbf1b67664b41c
officer zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  540ec4715fc4d8f0
officer zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  b2552ce1905926ef
officer zh GET /enterprise/people → 403 text/html; charset=utf-8  03844eb5b5abd216
officer zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  e39273ce74645c3d
officer zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  b67b4f07a1b335a2
officer zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  b78e126cf5cc94cd
officer zh GET /enterprise/people/new → 403 text/html; charset=utf-8  b73af53db3db507b
officer zh GET /enterprise/tokens → 403 text/html; charset=utf-8  7f336b2b4d54c21a
officer zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  510d8b380a742e4f
officer zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  fe1056c2b98f0fc2
officer zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  4fc46adfac1b7027
officer zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  222054a315fae380
officer zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  494e689566cac617
officer zh GET /login → 303  / e3b0c44298fc1c14
officer zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
officer zh GET /passes/2/print → 409 text/html; charset=utf-8  e8871ae304bede6a
officer zh GET /passes/99/print → 404 text/html; charset=utf-8  4313d4a6fde1fe27
officer zh GET /password → 200 text/html; charset=utf-8  d554a840d3cb4668
officer zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  01d0e09c8512c107
officer zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  6816f140a219d60d
officer zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  cc32e6aab96f5e8c
officer zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  ceecbd2342f576c5
officer zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  911cf73105b40e25
officer zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  07bb381789235a50
officer zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  4989d7980d5380f7
officer zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  f33ae702e194333b
officer zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  11e3238f2dcb79e3
officer zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  d2a09be45dd07084
officer zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  fb613c7fee9404c5
officer en GET / → 200 text/html; charset=utf-8  6183b865e080ec4a
officer en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer en GET /bureau/checkpoints → 403 text/html; charset=utf-8  6fa0a93dbe141a50
officer en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  083518cff736a026
officer en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  c44d4c6d06d32ce8
officer en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  0d22f3828639cccc
officer en GET /bureau/devices → 403 text/html; charset=utf-8  e6989ae0789a168a
officer en GET /bureau/enterprises → 200 text/html; charset=utf-8  5c9b97139e10a4d6
officer en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  362c54ffa82b0dba
officer en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  a56f728279e5aefd
officer en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  86a3267952bd4117
officer en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  b4d0238a4a46ec84
officer en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  923abb47272ed23c
officer en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  5108c5c5f037c424
officer en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  6e40b375fae11fcd
officer en GET /bureau/keys → 403 text/html; charset=utf-8  850e0348d25d93b8
officer en GET /bureau/passes → 200 text/html; charset=utf-8  28051666ec7855e0
officer en GET /bureau/passes/1 → 200 text/html; charset=utf-8  73dd950cb4c59731
officer en GET /bureau/passes/2 → 200 text/html; charset=utf-8  75eb1b8d1033fba4
officer en GET /bureau/passes/99 → 404 text/html; charset=utf-8  9e0fe4b3f97f51a4
officer en GET /bureau/people → 200 text/html; charset=utf-8  22e313704b736e11
officer en GET /bureau/people/1 → 200 text/html; charset=utf-8  58e8f68741f7b841
officer en GET /bureau/people/2 → 200 text/html; charset=utf-8  f67a05c7ee37a5aa
officer en GET /bureau/people/99 → 404 text/html; charset=utf-8  53963fa6a3336cc8
officer en GET /bureau/rules → 403 text/html; charset=utf-8  a2686a23e8cb9808
officer en GET /bureau/rules/1 → 200 text/html; charset=utf-8  6b6bcaa9d7eb5428
officer en GET /bureau/rules/2 → 404 text/html; charset=utf-8  09da922d5dd050a5
officer en GET /bureau/rules/99 → 404 text/html; charset=utf-8  7a930ee5f07a8574
officer en GET /bureau/rules/draft → 403 text/html; charset=utf-8  a62279450fc977aa
officer en GET /bureau/rules/playground → 200 text/html; charset=utf-8  54c25ea43883d0e1
officer en GET /bureau/staff → 403 text/html; charset=utf-8  1a3f7846f600518a
officer en GET /bureau/tokens → 403 text/html; charset=utf-8  e3b90a8cb789f143
officer en GET /bureau/vehicles → 200 text/html; charset=utf-8  42c4fa5418f6e327
officer en GET /enterprise → 403 text/html; charset=utf-8  8b7d4b3c1dfe67be
officer en GET /enterprise/passes → 403 text/html; charset=utf-8  487cb59a10a88e38
officer en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  07b0f2fcaec8e211
officer en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  f45103cbb7ffcdff
officer en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  6b68d9cfde987bb7
officer en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  6390e9a093c71d4d
officer en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  043161849c915140
officer en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  05b28bd15f28165f
officer en GET /enterprise/passes/new → 403 text/html; charset=utf-8  a2bfaa5820aa601d
officer en GET /enterprise/people → 403 text/html; charset=utf-8  57cdf646b7edaa2b
officer en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  19bc4caeed32243b
officer en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  92271cd554ab318c
officer en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  ae6748710bd407e8
officer en GET /enterprise/people/new → 403 text/html; charset=utf-8  75565c84e93cf7f9
officer en GET /enterprise/tokens → 403 text/html; charset=utf-8  e3ccda34092b25bc
officer en GET /enterprise/vehicles → 403 text/html; charset=utf-8  329be0cb847ce691
officer en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  584ce746bde86364
officer en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  d03cbb1c3ae2617d
officer en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  2ca6e1fcd39c2196
officer en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  7614fdcf51c95fcb
officer en GET /login → 303  / e3b0c44298fc1c14
officer en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
officer en GET /passes/2/print → 409 text/html; charset=utf-8  edc214ef6f56b302
officer en GET /passes/99/print → 404 text/html; charset=utf-8  0ae9a485aad25e94
officer en GET /password → 200 text/html; charset=utf-8  c8bed93664b32d32
officer en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  823c7492350fb28d
officer en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  8af6a945ffc3c3a6
officer en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  4a1efd362993e7b5
officer en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  6dde384b45ba3b2f
officer en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  94a2f885d514de6e
officer en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  498176536e34b771
officer en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  63db8b96f5d00345
officer en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  ed10daad3b90b305
officer en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  d5cc9d27e4afbe9b
officer en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  24a41f56def2c2b2
officer en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  c89f0395d2ba23f7
jincheng zh GET / → 303  /enterprise e3b0c44298fc1c14
jincheng zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  11271455ce7ea14f
jincheng zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  c5ad9f8297720010
jincheng zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  b35548e76d7f0d58
jincheng zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  cc0475a395c948fc
jincheng zh GET /bureau/devices → 403 text/html; charset=utf-8  3f689a2fc7adc418
jincheng zh GET /bureau/enterprises → 403 text/html; charset=utf-8  906b366c5eb7f38a
jincheng zh GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  3b9bf7fcb35746fb
jincheng zh GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  4370451eb62aed29
jincheng zh GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  767eb8a08d363d12
jincheng zh GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  f078c177a9e11346
jincheng zh GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  f1e092b1cdd80d9f
jincheng zh GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  ec8220734b84ff1b
jincheng zh GET /bureau/enterprises/new → 403 text/html; charset=utf-8  a763f9a1e73246c4
jincheng zh GET /bureau/keys → 403 text/html; charset=utf-8  41cfacfc8aaa9116
jincheng zh GET /bureau/passes → 403 text/html; charset=utf-8  424b3e66c4a50467
jincheng zh GET /bureau/passes/1 → 403 text/html; charset=utf-8  9674c3e0587917fa
jincheng zh GET /bureau/passes/2 → 403 text/html; charset=utf-8  095e98bd05c3d236
jincheng zh GET /bureau/passes/99 → 403 text/html; charset=utf-8  95c84c6a89a248dd
jincheng zh GET /bureau/people → 403 text/html; charset=utf-8  63e258c613095bb4
jincheng zh GET /bureau/people/1 → 403 text/html; charset=utf-8  2f2f627c4587646b
jincheng zh GET /bureau/people/2 → 403 text/html; charset=utf-8  c6aab6daf43d6284
jincheng zh GET /bureau/people/99 → 403 text/html; charset=utf-8  d878ab01502c1793
jincheng zh GET /bureau/rules → 403 text/html; charset=utf-8  b894d005379e5b1f
jincheng zh GET /bureau/rules/1 → 403 text/html; charset=utf-8  c48d14a79d18ee70
jincheng zh GET /bureau/rules/2 → 403 text/html; charset=utf-8  66532fba6d30a0cf
jincheng zh GET /bureau/rules/99 → 403 text/html; charset=utf-8  fa87c8905c687dab
jincheng zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  6c42b11857460641
jincheng zh GET /bureau/rules/playground → 403 text/html; charset=utf-8  bd3eb51154870266
jincheng zh GET /bureau/staff → 403 text/html; charset=utf-8  597d3ec4492121ad
jincheng zh GET /bureau/tokens → 403 text/html; charset=utf-8  f4fabc521b44ae6b
jincheng zh GET /bureau/vehicles → 403 text/html; charset=utf-8  91d2dde59722fe3f
jincheng zh GET /enterprise → 200 text/html; charset=utf-8  72b0b9bb3b8438d3
jincheng zh GET /enterprise/passes → 200 text/html; charset=utf-8  f90faad09a1c8793
jincheng zh GET /enterprise/passes/1 → 200 text/html; charset=utf-8  c8811a3f2fea9d91
jincheng zh GET /enterprise/passes/2 → 200 text/html; charset=utf-8  a53fb5b0f16ab287
jincheng zh GET /enterprise/passes/99 → 404 text/html; charset=utf-8  f63af92ab8f1bd34
jincheng zh GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  18fe16b9615bec63
jincheng zh GET /enterprise/passes/new → 200 text/html; charset=utf-8  4e0f52c29f0fdd18
jincheng zh GET /enterprise/people → 200 text/html; charset=utf-8  f2fffad0f63aab9c
jincheng zh GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  782776111d7632d4
jincheng zh GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  44b2a7e80ba9fc9c
jincheng zh GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  18e75cba72d4d73a
jincheng zh GET /enterprise/people/new → 200 text/html; charset=utf-8  418b4a67fa7bbef7
jincheng zh GET /enterprise/tokens → 200 text/html; charset=utf-8  4f284762ead7e458
jincheng zh GET /enterprise/vehicles → 200 text/html; charset=utf-8  3d391cc0d4d118f9
jincheng zh GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  e5f2f3c3eb01673f
jincheng zh GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  a2f320d702232199
jincheng zh GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  83d27a6eb6379fc9
jincheng zh GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  05dc17b5afb09082
jincheng zh GET /login → 303  / e3b0c44298fc1c14
jincheng zh GET /passes/1/print → 200 text/html; charset=utf-8  265d1d6aa18b7ba9
jincheng zh GET /passes/2/print → 409 text/html; charset=utf-8  c0f1a7219569372b
jincheng zh GET /passes/99/print → 404 text/html; charset=utf-8  15e3a9804237af61
jincheng zh GET /password → 200 text/html; charset=utf-8  b904a2dcd711300d
jincheng zh GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  44214f7f4f7ce627
jincheng zh GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  2955938619a72569
jincheng zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  97e75af70d844779
jincheng zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  6bea3baf06b5be52
jincheng zh GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  e0bfa47180b54545
jincheng zh GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  db338e0eecd64308
jincheng zh GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  31514488e86a5ccb
jincheng zh GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  6ce74db75646bb02
jincheng zh GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  5b0ef3f21067cbf3
jincheng zh GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  440928af99aa00c6
jincheng zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  4556492d456c9902
jincheng en GET / → 303  /enterprise e3b0c44298fc1c14
jincheng en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng en GET /bureau/checkpoints → 403 text/html; charset=utf-8  974eff8f862a19c2
jincheng en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  9b126a7f439daabf
jincheng en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  06b34f15bebdaaaf
jincheng en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  e50dd6c9d5cad96e
jincheng en GET /bureau/devices → 403 text/html; charset=utf-8  7368119d4cc14a3a
jincheng en GET /bureau/enterprises → 403 text/html; charset=utf-8  051994fecd636a58
jincheng en GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  fac97faa3716ea3d
jincheng en GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  f27ac4bd26b1c312
jincheng en GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  f15e3babac60380b
jincheng en GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  7dcb9065337a87cc
jincheng en GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  1a2d390eba84ab3c
jincheng en GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  74c1c95e88b91218
jincheng en GET /bureau/enterprises/new → 403 text/html; charset=utf-8  12dcff9ac9f8278f
jincheng en GET /bureau/keys → 403 text/html; charset=utf-8  46b4650f8c2c4f6a
jincheng en GET /bureau/passes → 403 text/html; charset=utf-8  99aac70709e6a8c9
jincheng en GET /bureau/passes/1 → 403 text/html; charset=utf-8  1168c61cbf1d92c9
jincheng en GET /bureau/passes/2 → 403 text/html; charset=utf-8  051b4b0f1f0642a8
jincheng en GET /bureau/passes/99 → 403 text/html; charset=utf-8  087ca17cd0008536
jincheng en GET /bureau/people → 403 text/html; charset=utf-8  ba6ec076129646ea
jincheng en GET /bureau/people/1 → 403 text/html; charset=utf-8  6f2982a77c409384
jincheng en GET /bureau/people/2 → 403 text/html; charset=utf-8  79ed3cde5139c860
jincheng en GET /bureau/people/99 → 403 text/html; charset=utf-8  1f4763ac3f8a8a99
jincheng en GET /bureau/rules → 403 text/html; charset=utf-8  c34a6364c6692b95
jincheng en GET /bureau/rules/1 → 403 text/html; charset=utf-8  6e68747c20e96ca7
jincheng en GET /bureau/rules/2 → 403 text/html; charset=utf-8  e742d48529b61f3b
jincheng en GET /bureau/rules/99 → 403 text/html; charset=utf-8  8449ace02f8b10fc
jincheng en GET /bureau/rules/draft → 403 text/html; charset=utf-8  2b3173609e3ea8d7
jincheng en GET /bureau/rules/playground → 403 text/html; charset=utf-8  d90a294ea8a5d498
jincheng en GET /bureau/staff → 403 text/html; charset=utf-8  c85315545df602a9
jincheng en GET /bureau/tokens → 403 text/html; charset=utf-8  d7fab9b996b0d4df
jincheng en GET /bureau/vehicles → 403 text/html; charset=utf-8  335432aa1257e8e5
jincheng en GET /enterprise → 200 text/html; charset=utf-8  18922b9448ed149c
jincheng en GET /enterprise/passes → 200 text/html; charset=utf-8  006a380fe70bdfa3
jincheng en GET /enterprise/passes/1 → 200 text/html; charset=utf-8  a84bc378d0605951
jincheng en GET /enterprise/passes/2 → 200 text/html; charset=utf-8  e74db8f670f3ae58
jincheng en GET /enterprise/passes/99 → 404 text/html; charset=utf-8  1ebfd7415527dd0e
jincheng en GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  9137050c9ae35673
jincheng en GET /enterprise/passes/new → 200 text/html; charset=utf-8  d4ca9c922aba6b0d
jincheng en GET /enterprise/people → 200 text/html; charset=utf-8  e609f1a93b56aa06
jincheng en GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  5ac2fbc8f0e44eb1
jincheng en GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  2d2ba69c622100c2
jincheng en GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  d6ca478c607806c0
jincheng en GET /enterprise/people/new → 200 text/html; charset=utf-8  80744d02a72d811b
jincheng en GET /enterprise/tokens → 200 text/html; charset=utf-8  30f41ae35fc2b1d9
jincheng en GET /enterprise/vehicles → 200 text/html; charset=utf-8  5a2fd6ec8d550444
jincheng en GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  33950c8bb9908697
jincheng en GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  f98754ec23075cf2
jincheng en GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  340be6190a6d6e5e
jincheng en GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  118e8cc918e91479
jincheng en GET /login → 303  / e3b0c44298fc1c14
jincheng en GET /passes/1/print → 200 text/html; charset=utf-8  635384bdb20c6628
jincheng en GET /passes/2/print → 409 text/html; charset=utf-8  50bce23411c4232f
jincheng en GET /passes/99/print → 404 text/html; charset=utf-8  48744e80ef2d450d
jincheng en GET /password → 200 text/html; charset=utf-8  3dce575b20481bf1
jincheng en GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  be215a1702e5638c
jincheng en GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  d9ad1008d522587c
jincheng en GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  f855cb021e252ba5
jincheng en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  dce74994923ffb3c
jincheng en GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  d7bbc6d3d5fb4e29
jincheng en GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  10b128a7dfb0b731
jincheng en GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  c88b61bced639a07
jincheng en GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  dcf07e484a7d3fcb
jincheng en GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  ea09bc294378ffc7
jincheng en GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  8c40ac70bf9a812e
jincheng en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  fa8da1456eeaf1ad
boss POST /bureau/enterprises → 400 text/html; charset=utf-8  0623a228e14b6ce9
boss POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  8bd547d12939b7f6
boss POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  3d21f4036337af79
boss POST /bureau/checkpoints → 400 text/html; charset=utf-8  52cc2d2c6ce50a85
boss POST /bureau/checkpoints/1/staff → 400 text/html; charset=utf-8  0d49b38d97427e4f
boss POST /bureau/staff → 400 text/html; charset=utf-8  0bdf4cb46044ede2
boss POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  3b4556f8b4387737
boss POST /enterprise/passes → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /enterprise/people → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /enterprise/people/1 → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /enterprise/vehicles → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /enterprise/contact → 403 text/html; charset=utf-8  1dab8c9b9f7dad61
boss POST /password → 400 text/html; charset=utf-8  b64bd0daa005898f
officer POST /bureau/enterprises → 400 text/html; charset=utf-8  f68fa9c1fd855014
officer POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  3d98a27b5599ea45
officer POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  0f0f5494a815f1ed
officer POST /bureau/checkpoints → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /bureau/staff → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  cad3c3cc13d3c62e
officer POST /enterprise/passes → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /enterprise/people → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /enterprise/people/1 → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /enterprise/vehicles → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /enterprise/contact → 403 text/html; charset=utf-8  ae640f0462d190f4
officer POST /password → 400 text/html; charset=utf-8  619d095f6a982810
jincheng POST /bureau/enterprises → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /bureau/enterprises/1/users → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /bureau/checkpoints → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /bureau/staff → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /bureau/passes/2/reject → 403 text/html; charset=utf-8  d35b76e34e9dcf4d
jincheng POST /enterprise/passes → 400 text/html; charset=utf-8  99817a6a7ce36663
jincheng POST /enterprise/passes/2/edit → 400 text/html; charset=utf-8  edf1530386531e8a
jincheng POST /enterprise/people → 400 text/html; charset=utf-8  e5b89862af358a39
jincheng POST /enterprise/people/1 → 400 text/html; charset=utf-8  c13ba678b06f64b5
jincheng POST /enterprise/vehicles → 400 text/html; charset=utf-8  4d2aab2936ec1318
jincheng POST /enterprise/vehicles/1 → 400 text/html; charset=utf-8  dbb4ed97381dc322
jincheng POST /enterprise/contact → 400 text/html; charset=utf-8  b3cb2217862ecef1
jincheng POST /password → 400 text/html; charset=utf-8  db3b27b915bb2377
`
