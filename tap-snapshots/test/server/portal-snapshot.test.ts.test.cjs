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
boss zh GET / → 200 text/html; charset=utf-8  b00f186288c9672a
boss zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss zh GET /bureau/checkpoints → 200 text/html; charset=utf-8  0b7a6cfbfbc5eab3
boss zh GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  3716fbc5e71aac98
boss zh GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  43f1c84e4dc59ae3
boss zh GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  bc475e5d77187d91
boss zh GET /bureau/devices → 200 text/html; charset=utf-8  f33f988c2c5c678b
boss zh GET /bureau/enterprises → 200 text/html; charset=utf-8  d1e71500488779cc
boss zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  00c05b87c2d82f14
boss zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  a2eedfaf74033ffb
boss zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  48c904657ad1c3b6
boss zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  125d4d19b1f42f38
boss zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  9ac8b43fa5bf8353
boss zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  1c6d4a6dac3b3fd1
boss zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  e4fbbaf50ef3cfe1
boss zh GET /bureau/keys → 200 text/html; charset=utf-8  62232ef2c859c339
boss zh GET /bureau/passes → 200 text/html; charset=utf-8  3f9acdf86b6f8333
boss zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  7893486c65d09063
boss zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  e919d0a9769da3be
boss zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  e5dd126f06882429
boss zh GET /bureau/people → 200 text/html; charset=utf-8  e4c8d01454a2dc42
boss zh GET /bureau/people/1 → 200 text/html; charset=utf-8  06b50f37f7da7731
boss zh GET /bureau/people/2 → 200 text/html; charset=utf-8  f812785beefae4be
boss zh GET /bureau/people/99 → 404 text/html; charset=utf-8  708b87657bd0a4cc
boss zh GET /bureau/rules → 200 text/html; charset=utf-8  31490f4bccf983b8
boss zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  e4bfcc1ea055f86c
boss zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  21874801204fd5c5
boss zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  4bd9c56fe202ab74
boss zh GET /bureau/rules/draft → 200 text/html; charset=utf-8  b9722550992cf0c2
boss zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  9715e47416fc5821
boss zh GET /bureau/staff → 200 text/html; charset=utf-8  ea60ed9e22516c7d
boss zh GET /bureau/tokens → 200 text/html; charset=utf-8  dcd2d34dde20cc34
boss zh GET /bureau/vehicles → 200 text/html; charset=utf-8  a6efa6540841af40
boss zh GET /bureau/webhooks → 200 text/html; charset=utf-8  9d0cf581b27a8033
boss zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  b264c2deff802362
boss zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  eb86c6a8b392f5a3
boss zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  5b282c4434c370b9
boss zh GET /enterprise → 403 text/html; charset=utf-8  c847e7ea907575f5
boss zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  c90d33b8abcf7525
boss zh GET /enterprise/passes → 403 text/html; charset=utf-8  97e86c6860dce3e1
boss zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  9c6bf7f309d263d0
boss zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  2929ebd2615c6272
boss zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  4a0659b629a37c27
boss zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  946777b8afc02e9d
boss zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  fe9bd345898379b1
boss zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  1aa3234e72ade8ca
boss zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  1038192f176ac260
boss zh GET /enterprise/people → 403 text/html; charset=utf-8  5fc13f112b6de037
boss zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  aefeac45b75c114b
boss zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  caa246c1d62fbbbc
boss zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  8899f464f48f803e
boss zh GET /enterprise/people/new → 403 text/html; charset=utf-8  2de7f74dea06a292
boss zh GET /enterprise/tokens → 403 text/html; charset=utf-8  092f67bc1a1ded06
boss zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  9b4fc793002dc459
boss zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  9bc05d1d1d389f2c
boss zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  f89738943149d497
boss zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  6621deb225024cb7
boss zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  47c1124ca436bea5
boss zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  98793feee1a7a001
boss zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  d9d5d6c9fe594993
boss zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  233e7924a01ccc21
boss zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  db5a83593e6d647f
boss zh GET /login → 303  / e3b0c44298fc1c14
boss zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
boss zh GET /passes/2/print → 409 text/html; charset=utf-8  23befde6297cd1d6
boss zh GET /passes/99/print → 404 text/html; charset=utf-8  39feea33699ec1e3
boss zh GET /password → 200 text/html; charset=utf-8  f7a81d6fe359fe7a
boss zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  67f374508fbd1f35
boss zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  5b9a297f11b7c8c2
boss zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  7f728579f3dd0103
boss zh GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  b2338b526e33359a
boss zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  47f9e623376522bd
boss zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  923893af66653ae3
boss zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  388e5db379a613ea
boss zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  822156c86d28c1a9
boss zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  9ebec27032b978a0
boss zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  221e5f5a2ae25e79
boss zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  2bb812b4caa89438
boss en GET / → 200 text/html; charset=utf-8  1d05b498f3fe4e97
boss en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss en GET /bureau/checkpoints → 200 text/html; charset=utf-8  613d8805f4210875
boss en GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  e1d5d30d9ac3a060
boss en GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  23bdbaebfddedde1
boss en GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  d76ffc6402ba4333
boss en GET /bureau/devices → 200 text/html; charset=utf-8  b7af43ea932634ea
boss en GET /bureau/enterprises → 200 text/html; charset=utf-8  18872de009854ce3
boss en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  4a5cddab63a426d5
boss en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  30b5440ab0cc23dc
boss en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  d844cde8d2b60149
boss en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  5621a49dad84f761
boss en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  4a9b9be70ae73c55
boss en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  1e6b507d3c711eed
boss en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  d2138138ed5125c6
boss en GET /bureau/keys → 200 text/html; charset=utf-8  eb5f499f7eea74bc
boss en GET /bureau/passes → 200 text/html; charset=utf-8  7ab10a5437d379dc
boss en GET /bureau/passes/1 → 200 text/html; charset=utf-8  ec7de6e3556e3529
boss en GET /bureau/passes/2 → 200 text/html; charset=utf-8  966c1bfaa9b6b350
boss en GET /bureau/passes/99 → 404 text/html; charset=utf-8  c2b2b94cb957fbca
boss en GET /bureau/people → 200 text/html; charset=utf-8  2c94b54ae19c871d
boss en GET /bureau/people/1 → 200 text/html; charset=utf-8  711a0066d143ec11
boss en GET /bureau/people/2 → 200 text/html; charset=utf-8  bc821c781e18ccc5
boss en GET /bureau/people/99 → 404 text/html; charset=utf-8  4468ab3bd6f8a712
boss en GET /bureau/rules → 200 text/html; charset=utf-8  d5a7cd8b511a0b57
boss en GET /bureau/rules/1 → 200 text/html; charset=utf-8  a0f8d2008dfc9df9
boss en GET /bureau/rules/2 → 404 text/html; charset=utf-8  c3c685fc2126b38d
boss en GET /bureau/rules/99 → 404 text/html; charset=utf-8  8a68e45bd2f5d32a
boss en GET /bureau/rules/draft → 200 text/html; charset=utf-8  42b40f419613a741
boss en GET /bureau/rules/playground → 200 text/html; charset=utf-8  250808003df0504b
boss en GET /bureau/staff → 200 text/html; charset=utf-8  6c0a8c248c679f18
boss en GET /bureau/tokens → 200 text/html; charset=utf-8  83ba10566ee497c3
boss en GET /bureau/vehicles → 200 text/html; charset=utf-8  0fa76bc23c810941
boss en GET /bureau/webhooks → 200 text/html; charset=utf-8  f90fb79bfd44c79e
boss en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  f0eda72cb9ac9f02
boss en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  1b9ffc75447aa555
boss en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  39d564b5f376ac39
boss en GET /enterprise → 403 text/html; charset=utf-8  c26679103004fab3
boss en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  8e3c41a39aa4f3a3
boss en GET /enterprise/passes → 403 text/html; charset=utf-8  757d2c90c4e0f664
boss en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  d7aaf420fc8eeb89
boss en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  5619912787de96d1
boss en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  7661605da6655892
boss en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  70a982cbadb82d9a
boss en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  ab84f77cfc4b40cd
boss en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  8c005170e1c5a9c1
boss en GET /enterprise/passes/new → 403 text/html; charset=utf-8  0ecea1c5d9e7350f
boss en GET /enterprise/people → 403 text/html; charset=utf-8  47ea0e72ad907fba
boss en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  457ba713b526cfca
boss en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  30bac1771239fde8
boss en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  571947a366b478b6
boss en GET /enterprise/people/new → 403 text/html; charset=utf-8  ad8cc2771c609a5f
boss en GET /enterprise/tokens → 403 text/html; charset=utf-8  d26a924de2193253
boss en GET /enterprise/vehicles → 403 text/html; charset=utf-8  9d065877c4b5a52e
boss en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  341962b26495461c
boss en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  2690ff11059faea9
boss en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  7802836c9c1830ae
boss en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  219981fc0af89494
boss en GET /enterprise/webhooks → 403 text/html; charset=utf-8  aceba67c9f7c05aa
boss en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  6c0e65c1378f5367
boss en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  39bb6e608a3b1d89
boss en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  02e7e0d9e07ba86c
boss en GET /login → 303  / e3b0c44298fc1c14
boss en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
boss en GET /passes/2/print → 409 text/html; charset=utf-8  acc629125f820f65
boss en GET /passes/99/print → 404 text/html; charset=utf-8  27e0f6ea1da71cf4
boss en GET /password → 200 text/html; charset=utf-8  3e366ed5fe4549db
boss en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  90aeaddf5dc55398
boss en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  97d982e159bd229a
boss en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  55bdb2df1ab2e7c0
boss en GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  8710e8de22e5947b
boss en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  b81a768950f49eed
boss en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  56386c0b34dfa757
boss en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  99e91866f3ea98a4
boss en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  a9e39397445e36b7
boss en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  d3ca0cfb48ad42f6
boss en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  350f4e4fdb889fb3
boss en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  108cd9998401c21c
officer zh GET / → 200 text/html; charset=utf-8  00360fa931118bea
officer zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  e89af0558747b301
officer zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  0d6e6ed2f12b0db9
officer zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  7259a4e9b7eb467b
officer zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  b2dfa9f6b0b59f2f
officer zh GET /bureau/devices → 403 text/html; charset=utf-8  0a73a116fed40583
officer zh GET /bureau/enterprises → 200 text/html; charset=utf-8  de4f95176d9e1457
officer zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  95d7eef1559651c6
officer zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  d710dc1c9e57c369
officer zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  4887827a87179250
officer zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  977418f552cfefeb
officer zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  f3b24ed59840c373
officer zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  b40fe5390723533d
officer zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  73fb41c3392139be
officer zh GET /bureau/keys → 403 text/html; charset=utf-8  9896783c65eea8ca
officer zh GET /bureau/passes → 200 text/html; charset=utf-8  f7f70393ee606f9d
officer zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  b6fe61f91f006d10
officer zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  7819b11563bcee30
officer zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  89d9363514784d8c
officer zh GET /bureau/people → 200 text/html; charset=utf-8  3150a2da383b2998
officer zh GET /bureau/people/1 → 200 text/html; charset=utf-8  d63e4605bb3a546c
officer zh GET /bureau/people/2 → 200 text/html; charset=utf-8  88a263eea91946be
officer zh GET /bureau/people/99 → 404 text/html; charset=utf-8  efdf2b2c44e6d206
officer zh GET /bureau/rules → 403 text/html; charset=utf-8  890e6a2052e27f2c
officer zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  0177b3956ded68d4
officer zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  47e474116f9a27bd
officer zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  78c651f283947906
officer zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  9e5e1886f3dc6758
officer zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  90f3bafc33a22e6a
officer zh GET /bureau/staff → 403 text/html; charset=utf-8  eb8be63c74d8c60d
officer zh GET /bureau/tokens → 403 text/html; charset=utf-8  92a02080158f0944
officer zh GET /bureau/vehicles → 200 text/html; charset=utf-8  f63a30469b70282e
officer zh GET /bureau/webhooks → 200 text/html; charset=utf-8  da42e34ae7d15d83
officer zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  0619e8cda62e2b71
officer zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  d9143c03401f3b8f
officer zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  7de2a3a2aed6b9df
officer zh GET /enterprise → 403 text/html; charset=utf-8  06d60a4a17e22d49
officer zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  7283bfc158aae5ed
officer zh GET /enterprise/passes → 403 text/html; charset=utf-8  3dfdd5c0b99d39c5
officer zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  e14b5b0d88171ed9
officer zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  b7dd832c6a1314bc
officer zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  40312079c21056ec
officer zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  ea1959da7db9ffd1
officer zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  7c987df66e5a6452
officer zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  b982834679485da0
officer zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  7f5ab8553e6f1f8a
officer zh GET /enterprise/people → 403 text/html; charset=utf-8  549ad75d1f0e0ada
officer zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  050bf04d58e67fa6
officer zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  194555409c060241
officer zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  5a28d05b36d3a545
officer zh GET /enterprise/people/new → 403 text/html; charset=utf-8  7b2c5c1b8e4eae28
officer zh GET /enterprise/tokens → 403 text/html; charset=utf-8  22abaabaa11537a8
officer zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  160f62ba76ccd61c
officer zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  cfacb78298ad21e7
officer zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  5149a8af2995d1b8
officer zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  703f2de9ff65f841
officer zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  809f5692c9d34a8e
officer zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  bd5c648ae1c1f0b6
officer zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  f5ca0b3531d3917e
officer zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  d7583fe055cb4bbc
officer zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  2315c569d6c9ced1
officer zh GET /login → 303  / e3b0c44298fc1c14
officer zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
officer zh GET /passes/2/print → 409 text/html; charset=utf-8  175c111c2e5e6b46
officer zh GET /passes/99/print → 404 text/html; charset=utf-8  217b7ba4fe1d3644
officer zh GET /password → 200 text/html; charset=utf-8  c7c7696848ce98ef
officer zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  f0597501002be2d2
officer zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  51a83196230f5fc9
officer zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  32c8eee6cdccf80a
officer zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  b6c72f893171272d
officer zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  43573f215f70989a
officer zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  48709115bb010b80
officer zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  a9f43ad62f15cd8c
officer zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  a0479bee12d94e9f
officer zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  093881e122c019dc
officer zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  4cc247bd299e296d
officer zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  fe5122034a406c93
officer en GET / → 200 text/html; charset=utf-8  bf8e67739f4549e7
officer en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer en GET /bureau/checkpoints → 403 text/html; charset=utf-8  dfc19c4975afcd18
officer en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  7adedf91428fdd51
officer en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  fd9a185b6d0efb13
officer en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  66a00f86152cd44e
officer en GET /bureau/devices → 403 text/html; charset=utf-8  1aa7bf2ab1baaa8d
officer en GET /bureau/enterprises → 200 text/html; charset=utf-8  b809e094c9d6333f
officer en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  37ef4b08251d844b
officer en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  ffe660388e5dac63
officer en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  cb866e46c4945544
officer en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  5884ad720b336123
officer en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  1c46f025f73ba8c8
officer en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  8b6297cd85a56998
officer en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  5f930a25a41b9f95
officer en GET /bureau/keys → 403 text/html; charset=utf-8  682ba7997c4b83bd
officer en GET /bureau/passes → 200 text/html; charset=utf-8  e44fd9cc1a941ee8
officer en GET /bureau/passes/1 → 200 text/html; charset=utf-8  b4584f71b72d972d
officer en GET /bureau/passes/2 → 200 text/html; charset=utf-8  29ef76c3fc0498e5
officer en GET /bureau/passes/99 → 404 text/html; charset=utf-8  d014e0ea5a401e37
officer en GET /bureau/people → 200 text/html; charset=utf-8  82e10e94a51024e2
officer en GET /bureau/people/1 → 200 text/html; charset=utf-8  9eda6597281525d5
officer en GET /bureau/people/2 → 200 text/html; charset=utf-8  c16c1b1a4f4ec843
officer en GET /bureau/people/99 → 404 text/html; charset=utf-8  8ed72dfacf25d175
officer en GET /bureau/rules → 403 text/html; charset=utf-8  332fa20dd7504df3
officer en GET /bureau/rules/1 → 200 text/html; charset=utf-8  5c29376d4c656936
officer en GET /bureau/rules/2 → 404 text/html; charset=utf-8  3404635cd2fae3d6
officer en GET /bureau/rules/99 → 404 text/html; charset=utf-8  08dc40ca65827dc9
officer en GET /bureau/rules/draft → 403 text/html; charset=utf-8  29c7cf5781cbfc66
officer en GET /bureau/rules/playground → 200 text/html; charset=utf-8  4a80e7df34811e63
officer en GET /bureau/staff → 403 text/html; charset=utf-8  4b97f421d3cb798e
officer en GET /bureau/tokens → 403 text/html; charset=utf-8  80fcb61c1a2608a1
officer en GET /bureau/vehicles → 200 text/html; charset=utf-8  baddf8827bf3b2ac
officer en GET /bureau/webhooks → 200 text/html; charset=utf-8  f5565e3dce987a04
officer en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  318b0cced196e419
officer en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  64ea52b189ae58ce
officer en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  cb6692ea5422e88c
officer en GET /enterprise → 403 text/html; charset=utf-8  ae1663d262c7c46a
officer en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  5dd8303ada9ae4a1
officer en GET /enterprise/passes → 403 text/html; charset=utf-8  408c76b4d79e7d76
officer en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  17762204987039c3
officer en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  79e238b3420cac4b
officer en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  43dc020f0e821180
officer en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  51a1695cf12b04a1
officer en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  4231c33bd1da26ca
officer en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  631e7a012cd4e020
officer en GET /enterprise/passes/new → 403 text/html; charset=utf-8  c20a5e8f9ca78b38
officer en GET /enterprise/people → 403 text/html; charset=utf-8  2eab012d622a5a10
officer en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  0996eb1b17c29463
officer en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  b2ebe1323a09b566
officer en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  e3eaef3bc3b7a88c
officer en GET /enterprise/people/new → 403 text/html; charset=utf-8  ac4490ddf5c59813
officer en GET /enterprise/tokens → 403 text/html; charset=utf-8  e9337622b41bbe6a
officer en GET /enterprise/vehicles → 403 text/html; charset=utf-8  ea8c3fd11df35dfc
officer en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  68f65dbb8c11bd0d
officer en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  ece8acd8d01c779f
officer en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  245168906639e298
officer en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  5d3fe25e46403f4b
officer en GET /enterprise/webhooks → 403 text/html; charset=utf-8  fcb43a282117d09e
officer en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  28a463ced39e4462
officer en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  8ac1d687057ae85b
officer en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  4e9290c2b6a2c463
officer en GET /login → 303  / e3b0c44298fc1c14
officer en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
officer en GET /passes/2/print → 409 text/html; charset=utf-8  83b01d59cd3b78be
officer en GET /passes/99/print → 404 text/html; charset=utf-8  5a923b784b0cbe8d
officer en GET /password → 200 text/html; charset=utf-8  ef94a94b856e4952
officer en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  25edeabe9efcb608
officer en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  5082976395ec9658
officer en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  218e9b1b1664e4ae
officer en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  3296dd856d5f3425
officer en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  d37632d46c092c57
officer en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  debf3c8d06af38b3
officer en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  ea4d01fa1a863f93
officer en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  e40437179531f887
officer en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  5d75c3e538a27494
officer en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  286c3baf5cc137a3
officer en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  ec4f89119dc184bc
jincheng zh GET / → 303  /enterprise e3b0c44298fc1c14
jincheng zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  763b9993e1a18846
jincheng zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  2552b96204b2324f
jincheng zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  e32cf05f6a34bcda
jincheng zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  cab6804ff685a0d8
jincheng zh GET /bureau/devices → 403 text/html; charset=utf-8  e0e52005fe6f292a
jincheng zh GET /bureau/enterprises → 403 text/html; charset=utf-8  9859306995e7b8e4
jincheng zh GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  f95e2030bc8fca2c
jincheng zh GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  dc4f15d20d503025
jincheng zh GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  bb6d5d96ff2719a9
jincheng zh GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  16c5c5fa16a23a3a
jincheng zh GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  7c0175dc10331bb4
jincheng zh GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  462d2ab28a941873
jincheng zh GET /bureau/enterprises/new → 403 text/html; charset=utf-8  6a405d36f613ff8d
jincheng zh GET /bureau/keys → 403 text/html; charset=utf-8  043f5ff7db35c8dc
jincheng zh GET /bureau/passes → 403 text/html; charset=utf-8  f7ff8190ca5ec0aa
jincheng zh GET /bureau/passes/1 → 403 text/html; charset=utf-8  d623acec469f170c
jincheng zh GET /bureau/passes/2 → 403 text/html; charset=utf-8  f1e4a78d13b84855
jincheng zh GET /bureau/passes/99 → 403 text/html; charset=utf-8  ca618d01b9218f1d
jincheng zh GET /bureau/people → 403 text/html; charset=utf-8  bd78ade9b11ef7a5
jincheng zh GET /bureau/people/1 → 403 text/html; charset=utf-8  ee0f63f6c4bab1f1
jincheng zh GET /bureau/people/2 → 403 text/html; charset=utf-8  2cae35625f37b221
jincheng zh GET /bureau/people/99 → 403 text/html; charset=utf-8  50c4052dd2336419
jincheng zh GET /bureau/rules → 403 text/html; charset=utf-8  171c109d984d497e
jincheng zh GET /bureau/rules/1 → 403 text/html; charset=utf-8  ba6a4790601bd9f5
jincheng zh GET /bureau/rules/2 → 403 text/html; charset=utf-8  2cd05e6b163345d2
jincheng zh GET /bureau/rules/99 → 403 text/html; charset=utf-8  9a6e90ec17beb313
jincheng zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  3265a08362454827
jincheng zh GET /bureau/rules/playground → 403 text/html; charset=utf-8  967c886a094ed353
jincheng zh GET /bureau/staff → 403 text/html; charset=utf-8  5cc252a341a7cfc4
jincheng zh GET /bureau/tokens → 403 text/html; charset=utf-8  7dfd8cc49a02ce92
jincheng zh GET /bureau/vehicles → 403 text/html; charset=utf-8  a288d59116cacd30
jincheng zh GET /bureau/webhooks → 403 text/html; charset=utf-8  1082e437a7310fdd
jincheng zh GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  18d8017b39b5895b
jincheng zh GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  0fa3c18e8064ce28
jincheng zh GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  f51d73474ba7c283
jincheng zh GET /enterprise → 200 text/html; charset=utf-8  689ca7df47cda992
jincheng zh GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  f66ad418c7240786
jincheng zh GET /enterprise/passes → 200 text/html; charset=utf-8  2db5b1284d6666f2
jincheng zh GET /enterprise/passes/1 → 200 text/html; charset=utf-8  0b75e2e54b2183d5
jincheng zh GET /enterprise/passes/2 → 200 text/html; charset=utf-8  e2950f641f5a514c
jincheng zh GET /enterprise/passes/99 → 404 text/html; charset=utf-8  e6bc59d9754f6b88
jincheng zh GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  090ef09c65e2c3f3
jincheng zh GET /enterprise/passes/new → 200 text/html; charset=utf-8  998dbc4c83abb505
jincheng zh GET /enterprise/people → 200 text/html; charset=utf-8  3cfb807b199fbcf8
jincheng zh GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  2f4e6dd77890e422
jincheng zh GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  b9dc42d517de6ab6
jincheng zh GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  66693434258707fb
jincheng zh GET /enterprise/people/new → 200 text/html; charset=utf-8  5d1d28b16474d48e
jincheng zh GET /enterprise/tokens → 200 text/html; charset=utf-8  982cd0d34c55eb7e
jincheng zh GET /enterprise/vehicles → 200 text/html; charset=utf-8  7a17167aded65424
jincheng zh GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  caa673c5bf5aa260
jincheng zh GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  9b1773799dba109c
jincheng zh GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  f1d9af0d83093073
jincheng zh GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  d313260bd3381217
jincheng zh GET /enterprise/webhooks → 200 text/html; charset=utf-8  91b1940a71d12ab8
jincheng zh GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  f2100cb5028e0c25
jincheng zh GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  50319066da401982
jincheng zh GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  acd796181a585496
jincheng zh GET /login → 303  / e3b0c44298fc1c14
jincheng zh GET /passes/1/print → 200 text/html; charset=utf-8  265d1d6aa18b7ba9
jincheng zh GET /passes/2/print → 409 text/html; charset=utf-8  cbd833d5839a3cfa
jincheng zh GET /passes/99/print → 404 text/html; charset=utf-8  b06c243d4ae5643f
jincheng zh GET /password → 200 text/html; charset=utf-8  e8c901bbf13e2d3d
jincheng zh GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  870cc8c14e687ddd
jincheng zh GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  c9e6c73a35e639d5
jincheng zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  ba8dff3e277eafca
jincheng zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  55874baa84b1eb8b
jincheng zh GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  6ae1b64a38b930a3
jincheng zh GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  3bb4bc9473915d2f
jincheng zh GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  9842fb1ffea13704
jincheng zh GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  72d6addd84594d36
jincheng zh GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  751867b1d988857e
jincheng zh GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  6d868b97d766cafd
jincheng zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  a3893f45b31ee1ea
jincheng en GET / → 303  /enterprise e3b0c44298fc1c14
jincheng en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng en GET /bureau/checkpoints → 403 text/html; charset=utf-8  77ac149fae05467c
jincheng en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  8e923ebaa14959ed
jincheng en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  a85866026b925a3a
jincheng en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  5c7b8e539f87b9cc
jincheng en GET /bureau/devices → 403 text/html; charset=utf-8  9bd2ab5c299ea1be
jincheng en GET /bureau/enterprises → 403 text/html; charset=utf-8  bc6e287d67c2c51c
jincheng en GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  56a8611f37dc3ee6
jincheng en GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  f6627b2bd8da7025
jincheng en GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  d56852517f320f8b
jincheng en GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  0ed2af012b4eec6a
jincheng en GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  a4de6edbdd27cdbc
jincheng en GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  9ecc5cb55543c45f
jincheng en GET /bureau/enterprises/new → 403 text/html; charset=utf-8  1e5cdc290be36d1d
jincheng en GET /bureau/keys → 403 text/html; charset=utf-8  73700b63eb00de6d
jincheng en GET /bureau/passes → 403 text/html; charset=utf-8  3401b17f38a38a09
jincheng en GET /bureau/passes/1 → 403 text/html; charset=utf-8  042ca135d4741d96
jincheng en GET /bureau/passes/2 → 403 text/html; charset=utf-8  ac187ae3d1ad900a
jincheng en GET /bureau/passes/99 → 403 text/html; charset=utf-8  89127e3dfbb6c25f
jincheng en GET /bureau/people → 403 text/html; charset=utf-8  605a05ace3343bc4
jincheng en GET /bureau/people/1 → 403 text/html; charset=utf-8  7fa4dcd04e85c544
jincheng en GET /bureau/people/2 → 403 text/html; charset=utf-8  351192483d89d1ba
jincheng en GET /bureau/people/99 → 403 text/html; charset=utf-8  26b788ed30261c6d
jincheng en GET /bureau/rules → 403 text/html; charset=utf-8  4c3df15f6f075511
jincheng en GET /bureau/rules/1 → 403 text/html; charset=utf-8  5428f8c329f96a08
jincheng en GET /bureau/rules/2 → 403 text/html; charset=utf-8  3c566749c0340142
jincheng en GET /bureau/rules/99 → 403 text/html; charset=utf-8  e425315ecd625422
jincheng en GET /bureau/rules/draft → 403 text/html; charset=utf-8  41842bc09d3cead9
jincheng en GET /bureau/rules/playground → 403 text/html; charset=utf-8  052f0a1b38b422de
jincheng en GET /bureau/staff → 403 text/html; charset=utf-8  acadc2c13e4549f8
jincheng en GET /bureau/tokens → 403 text/html; charset=utf-8  28715fb2d05ce766
jincheng en GET /bureau/vehicles → 403 text/html; charset=utf-8  46f67c0d37986367
jincheng en GET /bureau/webhooks → 403 text/html; charset=utf-8  b5620cf7d88e4f6b
jincheng en GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  605ace022a94e8d5
jincheng en GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  0c637ead464f3d71
jincheng en GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  3654e22f2e4ca8d7
jincheng en GET /enterprise → 200 text/html; charset=utf-8  742c93823187b79e
jincheng en GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  e53eb05e321d6d91
jincheng en GET /enterprise/passes → 200 text/html; charset=utf-8  2638148573af25e9
jincheng en GET /enterprise/passes/1 → 200 text/html; charset=utf-8  8bcc3d42509d22da
jincheng en GET /enterprise/passes/2 → 200 text/html; charset=utf-8  90ecb7a87ac0f23c
jincheng en GET /enterprise/passes/99 → 404 text/html; charset=utf-8  a96bf8461002dd3e
jincheng en GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  47500cc5361c0507
jincheng en GET /enterprise/passes/new → 200 text/html; charset=utf-8  9b5659e4466e965a
jincheng en GET /enterprise/people → 200 text/html; charset=utf-8  2fde318cae56967f
jincheng en GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  ed97304ab94ba84a
jincheng en GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  ee92896c29def000
jincheng en GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  9d9ff7bb92f6b371
jincheng en GET /enterprise/people/new → 200 text/html; charset=utf-8  b1ca598f471d9017
jincheng en GET /enterprise/tokens → 200 text/html; charset=utf-8  db996dfd6fd66a1d
jincheng en GET /enterprise/vehicles → 200 text/html; charset=utf-8  81796bb90bd30edd
jincheng en GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  ab51a97b393b495a
jincheng en GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  92d92d86f28dd9ed
jincheng en GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  8c5e1ddbaa8b1a8f
jincheng en GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  86b8c18546dff8d0
jincheng en GET /enterprise/webhooks → 200 text/html; charset=utf-8  6a1d0c8f61278af8
jincheng en GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  f3b5563287125371
jincheng en GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  0852d71add44b04e
jincheng en GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  f9e4903f5edff224
jincheng en GET /login → 303  / e3b0c44298fc1c14
jincheng en GET /passes/1/print → 200 text/html; charset=utf-8  635384bdb20c6628
jincheng en GET /passes/2/print → 409 text/html; charset=utf-8  7ba20ec512b4106e
jincheng en GET /passes/99/print → 404 text/html; charset=utf-8  a382434955e0448e
jincheng en GET /password → 200 text/html; charset=utf-8  cbbfea6785941c81
jincheng en GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  ecc938b0b66d38fa
jincheng en GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  6f2f6e5f544c064f
jincheng en GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  77bf6723f9f9b833
jincheng en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  b4b295b5bbaadf45
jincheng en GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  a6ee200aa8dd0dd2
jincheng en GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  d1d5163fc147932d
jincheng en GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  6e0494d3fd89841c
jincheng en GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  bfc37815853fe23a
jincheng en GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  93460125c0de2a08
jincheng en GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  d07f8226c5edb691
jincheng en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  5c01d45c75207ebe
boss POST /bureau/enterprises → 400 text/html; charset=utf-8  781079a96288afd7
boss POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  c69e7ef1c4fcd7f7
boss POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  cbcbd858b93704ab
boss POST /bureau/checkpoints → 400 text/html; charset=utf-8  387e2272b3abf277
boss POST /bureau/checkpoints/1/staff → 400 text/html; charset=utf-8  22b9c79abb7fae71
boss POST /bureau/staff → 400 text/html; charset=utf-8  46e0201a3fc6ab6e
boss POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  64b9e4c128cf521a
boss POST /enterprise/passes → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /enterprise/people → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /enterprise/people/1 → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /enterprise/vehicles → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /enterprise/contact → 403 text/html; charset=utf-8  a0c7eb78cc6b63a7
boss POST /password → 400 text/html; charset=utf-8  74e15492f2ac746e
officer POST /bureau/enterprises → 400 text/html; charset=utf-8  4ea8983fca84bfc0
officer POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  5d54892352db2b1b
officer POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  f19d848d7d5b7eef
officer POST /bureau/checkpoints → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /bureau/staff → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  7e6255d708089c0a
officer POST /enterprise/passes → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /enterprise/people → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /enterprise/people/1 → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /enterprise/vehicles → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /enterprise/contact → 403 text/html; charset=utf-8  0ce72a1d6358955d
officer POST /password → 400 text/html; charset=utf-8  98b4cd043024f944
jincheng POST /bureau/enterprises → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /bureau/enterprises/1/users → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /bureau/checkpoints → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /bureau/staff → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /bureau/passes/2/reject → 403 text/html; charset=utf-8  dafa0cf12a2cd248
jincheng POST /enterprise/passes → 400 text/html; charset=utf-8  55db9bd0349fded3
jincheng POST /enterprise/passes/2/edit → 400 text/html; charset=utf-8  4318a7875e60e5e0
jincheng POST /enterprise/people → 400 text/html; charset=utf-8  8a432cf4b0d3e243
jincheng POST /enterprise/people/1 → 400 text/html; charset=utf-8  4c7678a582eb2b39
jincheng POST /enterprise/vehicles → 400 text/html; charset=utf-8  16d8f745d406ef0f
jincheng POST /enterprise/vehicles/1 → 400 text/html; charset=utf-8  3202a30d5296a80b
jincheng POST /enterprise/contact → 400 text/html; charset=utf-8  55398c58e4c6b291
jincheng POST /password → 400 text/html; charset=utf-8  5e1d7d59a50eb4df
`
