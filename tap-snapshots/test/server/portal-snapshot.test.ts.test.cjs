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
boss zh GET / → 200 text/html; charset=utf-8  61dc09867a30eaf5
boss zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss zh GET /bureau/carriers → 200 text/html; charset=utf-8  ac4fcf1610243e3f
boss zh GET /bureau/charter → 200 text/html; charset=utf-8  d0d7b25b3fe4b9e9
boss zh GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  7eef5f9d8d85bf58
boss zh GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  14d9fa303f943bc9
boss zh GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  edafcbf940f5e33e
boss zh GET /bureau/checkpoints → 200 text/html; charset=utf-8  cae1683a418f35ab
boss zh GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  f2b34d3705f4a9c6
boss zh GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  caf496a702ebf578
boss zh GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  ecd70531561a5183
boss zh GET /bureau/custody → 200 text/html; charset=utf-8  0ce801a97d0c817a
boss zh GET /bureau/devices → 200 text/html; charset=utf-8  482c0e59e00f6102
boss zh GET /bureau/enterprises → 200 text/html; charset=utf-8  79ec6b1c854ff5d3
boss zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  052db369c0a77bd5
boss zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  6cc6e01c115942d6
boss zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  63f7f8321ea01199
boss zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  8efaf0d7937a6fd0
boss zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  c554b996a6191f0a
boss zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  0430d942b5870dfe
boss zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  8f4f010f48292a34
boss zh GET /bureau/escorts → 200 text/html; charset=utf-8  78917a66ef938ad8
boss zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  afbc2b335149fe16
boss zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  4009bf605b18a47c
boss zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  ea893e2246b1ec31
boss zh GET /bureau/keys → 200 text/html; charset=utf-8  37a4eec498158f22
boss zh GET /bureau/passes → 200 text/html; charset=utf-8  0298d66bd626a9f3
boss zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  d6ec41654914524f
boss zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  1dda261ac8da2e50
boss zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  c7aaeef4b476afb3
boss zh GET /bureau/people → 200 text/html; charset=utf-8  f19cbbcb96723541
boss zh GET /bureau/people/1 → 200 text/html; charset=utf-8  872ad47aad0162f4
boss zh GET /bureau/people/2 → 200 text/html; charset=utf-8  a0dcaf128c527c3c
boss zh GET /bureau/people/99 → 404 text/html; charset=utf-8  caca165432dbfee9
boss zh GET /bureau/rules → 200 text/html; charset=utf-8  40fc3fc0d8da0fb6
boss zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  8f3be9aa495c3b70
boss zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  e851b8b1d88a34e0
boss zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  c23f9329bd113689
boss zh GET /bureau/rules/draft → 200 text/html; charset=utf-8  c16e59582695ee8a
boss zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  f61d36e7ce4f18dc
boss zh GET /bureau/staff → 200 text/html; charset=utf-8  5f2f76e5962c3612
boss zh GET /bureau/tokens → 200 text/html; charset=utf-8  c6148c7726f11712
boss zh GET /bureau/vehicles → 200 text/html; charset=utf-8  732f75b977467b00
boss zh GET /bureau/webhooks → 200 text/html; charset=utf-8  847bd0ca80e732cf
boss zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  28ed82df579a38e3
boss zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  ae82a221933b392f
boss zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  20597b0f743db7ed
boss zh GET /carrier → 403 text/html; charset=utf-8  c1e05834063c3f2d
boss zh GET /carrier/runs/1 → 403 text/html; charset=utf-8  a24477d201136070
boss zh GET /carrier/runs/2 → 403 text/html; charset=utf-8  809315a4eed265aa
boss zh GET /carrier/runs/99 → 403 text/html; charset=utf-8  a9c3ef3945e6ec48
boss zh GET /enterprise → 403 text/html; charset=utf-8  3c7d515fd7909923
boss zh GET /enterprise/charter → 403 text/html; charset=utf-8  198a6443d54b3e5f
boss zh GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  0766fb82e7847ed9
boss zh GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  40c136ac6529ff94
boss zh GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  320b61a09540e068
boss zh GET /enterprise/checks → 403 text/html; charset=utf-8  8deaff2e9d8c80ae
boss zh GET /enterprise/custody → 403 text/html; charset=utf-8  b5f71f9e8ad65cd2
boss zh GET /enterprise/custody/1 → 403 text/html; charset=utf-8  7e22b107dab94181
boss zh GET /enterprise/custody/2 → 403 text/html; charset=utf-8  1666e87287038db5
boss zh GET /enterprise/custody/99 → 403 text/html; charset=utf-8  a2ae7e8752d761f6
boss zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  d35fbc7d18324371
boss zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  788dc6c8ef71b1bf
boss zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  012452f068e8fec0
boss zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  8e2eff503665ea0c
boss zh GET /enterprise/passes → 403 text/html; charset=utf-8  c4c460b606846502
boss zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  95d535597692c204
boss zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  70db6900eed82e27
boss zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  ddb39ed409e060d8
boss zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  4420003b50835a8d
boss zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  7a4353353688a889
boss zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  42513e695a4d483b
boss zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  f95f862f9c0a38cb
boss zh GET /enterprise/people → 403 text/html; charset=utf-8  4914b9022f6cbc95
boss zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  4ae0d0b72f415a8b
boss zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  7c1151480e90847f
boss zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  6f49e452d1153f1e
boss zh GET /enterprise/people/new → 403 text/html; charset=utf-8  15f1cab3e2dc89a4
boss zh GET /enterprise/tokens → 403 text/html; charset=utf-8  9c9b8ecefc6b7bce
boss zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  dbf25c7a18abe29f
boss zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  a8f8be7195f81787
boss zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  7594877516020a6a
boss zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  139b3442faec0b3d
boss zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  7fdd18305d08200b
boss zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  1e1e251bd0fddd31
boss zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  1e68a52a32a7f37f
boss zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  cc3f0ceb5a86b591
boss zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  690dae3f826e24be
boss zh GET /login → 303  / e3b0c44298fc1c14
boss zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
boss zh GET /passes/2/print → 409 text/html; charset=utf-8  97229cd437f3e916
boss zh GET /passes/99/print → 404 text/html; charset=utf-8  5b0953f2a5e9115f
boss zh GET /password → 200 text/html; charset=utf-8  b27b4329b2dae2cf
boss zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  0eb594949d5513fb
boss zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  85712682880b474f
boss zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  4939b093722c1501
boss zh GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  88a80e5af69a965f
boss zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  d5ac66338323af2a
boss zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  a032eb1f56670ddc
boss zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  fe0b53421350561d
boss zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  ae34340c196cb38d
boss zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  7e71b60d079f23e9
boss zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  87ee8ee52c17d79b
boss zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  dfe67309cb33ef31
boss en GET / → 200 text/html; charset=utf-8  fed2f0db0313e020
boss en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
boss en GET /bureau/carriers → 200 text/html; charset=utf-8  44c3db121232110f
boss en GET /bureau/charter → 200 text/html; charset=utf-8  985db23c75762586
boss en GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  43b5050569a08b74
boss en GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  eca3d196833a2353
boss en GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  873553ab0ced60ce
boss en GET /bureau/checkpoints → 200 text/html; charset=utf-8  43d0f7eccada5e92
boss en GET /bureau/checkpoints/1 → 200 text/html; charset=utf-8  4cafb8d40c1eeb4b
boss en GET /bureau/checkpoints/2 → 404 text/html; charset=utf-8  13b37534d0acafd5
boss en GET /bureau/checkpoints/99 → 404 text/html; charset=utf-8  390e189a8be2a63a
boss en GET /bureau/custody → 200 text/html; charset=utf-8  bbb455cce05a5cd0
boss en GET /bureau/devices → 200 text/html; charset=utf-8  021f8412130ab210
boss en GET /bureau/enterprises → 200 text/html; charset=utf-8  c2accac4105123e2
boss en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  66bc88c62c040782
boss en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  cabaad8b54ee1a59
boss en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  0dd6604806ca66dc
boss en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  b2e23e48d73a7d0b
boss en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  3a825be213daad2a
boss en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  ce71e1a87579bdc4
boss en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  33086019eeb42aaa
boss en GET /bureau/escorts → 200 text/html; charset=utf-8  01af07abf264bedd
boss en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  1f6afb82d7cb0228
boss en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  24b8636b7e452dff
boss en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  b66d55c55937b9d2
boss en GET /bureau/keys → 200 text/html; charset=utf-8  5089f75686c9178e
boss en GET /bureau/passes → 200 text/html; charset=utf-8  ce26deafdd93c6f2
boss en GET /bureau/passes/1 → 200 text/html; charset=utf-8  c7cb6dddb8758380
boss en GET /bureau/passes/2 → 200 text/html; charset=utf-8  0b70f32c2ee7f8b7
boss en GET /bureau/passes/99 → 404 text/html; charset=utf-8  4ceda479533edfb3
boss en GET /bureau/people → 200 text/html; charset=utf-8  80af5311b8ba8394
boss en GET /bureau/people/1 → 200 text/html; charset=utf-8  5e7ae42837b8e1ba
boss en GET /bureau/people/2 → 200 text/html; charset=utf-8  9a51139f7c4a5df5
boss en GET /bureau/people/99 → 404 text/html; charset=utf-8  0e4631a5a647b8c4
boss en GET /bureau/rules → 200 text/html; charset=utf-8  1cee46aa0ad5fe5d
boss en GET /bureau/rules/1 → 200 text/html; charset=utf-8  b59c9521f1ff852d
boss en GET /bureau/rules/2 → 404 text/html; charset=utf-8  af7a54ee6dfa6880
boss en GET /bureau/rules/99 → 404 text/html; charset=utf-8  c032391cc6c152e6
boss en GET /bureau/rules/draft → 200 text/html; charset=utf-8  ceadc838ffd0fdfb
boss en GET /bureau/rules/playground → 200 text/html; charset=utf-8  245c668d55a5b980
boss en GET /bureau/staff → 200 text/html; charset=utf-8  be9ab39d00109ec3
boss en GET /bureau/tokens → 200 text/html; charset=utf-8  bf72113cf5b04dd0
boss en GET /bureau/vehicles → 200 text/html; charset=utf-8  a0178bcca6b9d8db
boss en GET /bureau/webhooks → 200 text/html; charset=utf-8  c45c9c263b2e0495
boss en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  62ba20a6db0b6788
boss en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  36e85a5dc4fd7bfa
boss en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  53cf20388a25cbe6
boss en GET /carrier → 403 text/html; charset=utf-8  448ab17c4a57b8b0
boss en GET /carrier/runs/1 → 403 text/html; charset=utf-8  f1c1d8421644e7a8
boss en GET /carrier/runs/2 → 403 text/html; charset=utf-8  7df255c771ba7109
boss en GET /carrier/runs/99 → 403 text/html; charset=utf-8  0a5336b1a05466f9
boss en GET /enterprise → 403 text/html; charset=utf-8  d485c161a17de9f5
boss en GET /enterprise/charter → 403 text/html; charset=utf-8  cd955181a091776d
boss en GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  20fedcb17cc0105d
boss en GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  717fc561ff0632a4
boss en GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  e114152d39e6c6a3
boss en GET /enterprise/checks → 403 text/html; charset=utf-8  d7a79159e77e0af7
boss en GET /enterprise/custody → 403 text/html; charset=utf-8  51f2417988241efc
boss en GET /enterprise/custody/1 → 403 text/html; charset=utf-8  5002c29e1fa0419e
boss en GET /enterprise/custody/2 → 403 text/html; charset=utf-8  666db0fe0322d9b0
boss en GET /enterprise/custody/99 → 403 text/html; charset=utf-8  753c3344de518eba
boss en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  cfdcf6664fb66692
boss en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  0ba89d9469960dba
boss en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  ecb2d58256f3e17c
boss en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  f157f1ff4aa03461
boss en GET /enterprise/passes → 403 text/html; charset=utf-8  3a96575046927b1e
boss en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  64a7af7f08a4072f
boss en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  108dd72a6912e670
boss en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  59c50395b71e2a45
boss en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  e98e2936e74fc09b
boss en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  28f2df16ab7a7487
boss en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  69b93bd8063ce402
boss en GET /enterprise/passes/new → 403 text/html; charset=utf-8  ff68f67f794637f0
boss en GET /enterprise/people → 403 text/html; charset=utf-8  03383bd41c8444fc
boss en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  9594492b74911782
boss en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  ad29956e86d88858
boss en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  da579446109dd4c1
boss en GET /enterprise/people/new → 403 text/html; charset=utf-8  d7f4ac49671c9240
boss en GET /enterprise/tokens → 403 text/html; charset=utf-8  617f098423fa1ae4
boss en GET /enterprise/vehicles → 403 text/html; charset=utf-8  ca7598b72defcc94
boss en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  81ff750586c7125f
boss en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  5dad1d67b1c71df7
boss en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  d71425438d5b711a
boss en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  38054db7c7d55c08
boss en GET /enterprise/webhooks → 403 text/html; charset=utf-8  13ed3674123f4b71
boss en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  bc975855bca8a88f
boss en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  abbbad6a4e2cc6e4
boss en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  bd324908b0387f10
boss en GET /login → 303  / e3b0c44298fc1c14
boss en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
boss en GET /passes/2/print → 409 text/html; charset=utf-8  b38002d6ac3bb5f5
boss en GET /passes/99/print → 404 text/html; charset=utf-8  6a56e59924ea098e
boss en GET /password → 200 text/html; charset=utf-8  ce2c3eda0932808b
boss en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  6578e4650e19aaf4
boss en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  f132884f47663293
boss en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  b07b5735bfd6e681
boss en GET /bureau/rules/draft?done=saved → 200 text/html; charset=utf-8  99498c2a73db16d9
boss en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  69f82a762a17217f
boss en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  9f83b3174f8de4c1
boss en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  e9cd2ac3ad9afd77
boss en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  fe41a59fe5688cbe
boss en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  f8725078c3c21b9a
boss en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  77d7982ca3871c1f
boss en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  852b65e7dd065b37
officer zh GET / → 200 text/html; charset=utf-8  e38275c4f57014c0
officer zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer zh GET /bureau/carriers → 200 text/html; charset=utf-8  03da5e26158dbc2f
officer zh GET /bureau/charter → 200 text/html; charset=utf-8  0862267e40d040ae
officer zh GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  0bd2138f85a73739
officer zh GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  f905d1b6d91eb951
officer zh GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  ba6ac734156bacbf
officer zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  46f5d0e52f7827d1
officer zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  a2c2c99718d8591e
officer zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  512139cb325cc502
officer zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  179aa22b376c0703
officer zh GET /bureau/custody → 200 text/html; charset=utf-8  2dc3e38080b9df8f
officer zh GET /bureau/devices → 403 text/html; charset=utf-8  9f5cd2319aca4b9c
officer zh GET /bureau/enterprises → 200 text/html; charset=utf-8  2305554248e88cb6
officer zh GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  ee789b14341bd167
officer zh GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  57d8960d0dd74455
officer zh GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  97ba0fa67813fbfe
officer zh GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  48957b15bf7cf30d
officer zh GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  0f8d5acf64ec8211
officer zh GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  5ea2c75fd07b52cf
officer zh GET /bureau/enterprises/new → 200 text/html; charset=utf-8  9b8d01448f62568d
officer zh GET /bureau/escorts → 200 text/html; charset=utf-8  6b1fd9c3bc5e672e
officer zh GET /bureau/escorts/1 → 200 text/html; charset=utf-8  3ba9e2212c4d024c
officer zh GET /bureau/escorts/2 → 200 text/html; charset=utf-8  573f8f1d2200661f
officer zh GET /bureau/escorts/99 → 404 text/html; charset=utf-8  530aa60b0c0f2b5e
officer zh GET /bureau/keys → 403 text/html; charset=utf-8  e6d22b6676c2a723
officer zh GET /bureau/passes → 200 text/html; charset=utf-8  b14a8f9ad6e224cf
officer zh GET /bureau/passes/1 → 200 text/html; charset=utf-8  001d92063fb21812
officer zh GET /bureau/passes/2 → 200 text/html; charset=utf-8  189318c60ab774fd
officer zh GET /bureau/passes/99 → 404 text/html; charset=utf-8  f11544f7a40b55de
officer zh GET /bureau/people → 200 text/html; charset=utf-8  c0cb33786bb61043
officer zh GET /bureau/people/1 → 200 text/html; charset=utf-8  dd3365df5bf9fe84
officer zh GET /bureau/people/2 → 200 text/html; charset=utf-8  9dfa5ea93bacd4db
officer zh GET /bureau/people/99 → 404 text/html; charset=utf-8  9099887c917c0826
officer zh GET /bureau/rules → 403 text/html; charset=utf-8  4e14000595dbf904
officer zh GET /bureau/rules/1 → 200 text/html; charset=utf-8  44bfb0b24200da38
officer zh GET /bureau/rules/2 → 404 text/html; charset=utf-8  258e2fc6d40ca099
officer zh GET /bureau/rules/99 → 404 text/html; charset=utf-8  4f9ea9495ded7a66
officer zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  1dcbb463f757b4f5
officer zh GET /bureau/rules/playground → 200 text/html; charset=utf-8  c94519ca12eb0f31
officer zh GET /bureau/staff → 403 text/html; charset=utf-8  445324e31d719efb
officer zh GET /bureau/tokens → 403 text/html; charset=utf-8  06f98b234513555d
officer zh GET /bureau/vehicles → 200 text/html; charset=utf-8  5244874d41cd0bf2
officer zh GET /bureau/webhooks → 200 text/html; charset=utf-8  b47c54818a562e99
officer zh GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  c18ac28b24b04276
officer zh GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  249533412673e5d7
officer zh GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  40b03eac0a6e737e
officer zh GET /carrier → 403 text/html; charset=utf-8  6c3fe9183ec8e145
officer zh GET /carrier/runs/1 → 403 text/html; charset=utf-8  3e035750d7878f73
officer zh GET /carrier/runs/2 → 403 text/html; charset=utf-8  c48ee65eff341f8d
officer zh GET /carrier/runs/99 → 403 text/html; charset=utf-8  3014dc7f5a78df38
officer zh GET /enterprise → 403 text/html; charset=utf-8  3154a7d613b34eca
officer zh GET /enterprise/charter → 403 text/html; charset=utf-8  56207ac40f3c12fb
officer zh GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  da221313addace9e
officer zh GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  4acdfa7d4e9f65db
officer zh GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  0873d2cc4664b059
officer zh GET /enterprise/checks → 403 text/html; charset=utf-8  871aa61799d378a9
officer zh GET /enterprise/custody → 403 text/html; charset=utf-8  18e6968e684ed3af
officer zh GET /enterprise/custody/1 → 403 text/html; charset=utf-8  f31e204aae7d43c1
officer zh GET /enterprise/custody/2 → 403 text/html; charset=utf-8  fc1971e90172cfe9
officer zh GET /enterprise/custody/99 → 403 text/html; charset=utf-8  ac57ecd0f77a1d02
officer zh GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  981ccdf4aa917222
officer zh GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  77a977a9714fe6a3
officer zh GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  0cdb78138b3a7969
officer zh GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  f18bf6a6dcb58e74
officer zh GET /enterprise/passes → 403 text/html; charset=utf-8  8a49b4dfa914d5d1
officer zh GET /enterprise/passes/1 → 403 text/html; charset=utf-8  d81b2f4c7c73dddd
officer zh GET /enterprise/passes/2 → 403 text/html; charset=utf-8  0361b7ab1aea4a0f
officer zh GET /enterprise/passes/99 → 403 text/html; charset=utf-8  ff5154e450d90c6a
officer zh GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  9fe4aa19d06d21c2
officer zh GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  de892c38d4058238
officer zh GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  c2c20925899323d1
officer zh GET /enterprise/passes/new → 403 text/html; charset=utf-8  16eb94b611869483
officer zh GET /enterprise/people → 403 text/html; charset=utf-8  cd6e4f9856e248d0
officer zh GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  9dd8e68117f8e356
officer zh GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  33cec83e8e7ad8bc
officer zh GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  e09e10d1cd55e694
officer zh GET /enterprise/people/new → 403 text/html; charset=utf-8  eb885d2d63f4d2c3
officer zh GET /enterprise/tokens → 403 text/html; charset=utf-8  e32f0d94bd0e9174
officer zh GET /enterprise/vehicles → 403 text/html; charset=utf-8  8d02852fc20cfb7e
officer zh GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  b8bd447b131762f5
officer zh GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  e3d8381606870ce7
officer zh GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  1ae4c9bb48260809
officer zh GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  2f4f6aaeb6c18215
officer zh GET /enterprise/webhooks → 403 text/html; charset=utf-8  ab6b9dea5981d5de
officer zh GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  7ba85a82636c3c5c
officer zh GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  b031274f5c70e2b6
officer zh GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  cd42f2e01b8745a2
officer zh GET /login → 303  / e3b0c44298fc1c14
officer zh GET /passes/1/print → 200 text/html; charset=utf-8  6334970c5fa1d13c
officer zh GET /passes/2/print → 409 text/html; charset=utf-8  d42c8e45d528bb86
officer zh GET /passes/99/print → 404 text/html; charset=utf-8  3f43fd682dd2693e
officer zh GET /password → 200 text/html; charset=utf-8  492c7a84ca7bcb92
officer zh GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  9fd21e0e0ab3cfc9
officer zh GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  1feaacbb5f73c530
officer zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  c6adbf5e07f1bfdf
officer zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  a3b7d01b9f382b94
officer zh GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  d42b76691c284940
officer zh GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  2e50108f78e535d2
officer zh GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  10d9a029d51d217b
officer zh GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  bcf319f3fc593ac7
officer zh GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  b105d9ac154511c9
officer zh GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  77e7b47162af715d
officer zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  327a10e2f25a95c1
officer en GET / → 200 text/html; charset=utf-8  3e52c055c7abcdf2
officer en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
officer en GET /bureau/carriers → 200 text/html; charset=utf-8  d295098d2170b1d7
officer en GET /bureau/charter → 200 text/html; charset=utf-8  2ae0149dc87b3c7b
officer en GET /bureau/charter/runs/1 → 404 text/html; charset=utf-8  3e185467a2516c4e
officer en GET /bureau/charter/runs/2 → 404 text/html; charset=utf-8  251b636fb7bf8741
officer en GET /bureau/charter/runs/99 → 404 text/html; charset=utf-8  8267b6748236af5b
officer en GET /bureau/checkpoints → 403 text/html; charset=utf-8  2f882e168e805e69
officer en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  7ca9ad28e67015ef
officer en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  a40f598f333711c5
officer en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  529fdb29b2bde17d
officer en GET /bureau/custody → 200 text/html; charset=utf-8  f5722f3924eb6c19
officer en GET /bureau/devices → 403 text/html; charset=utf-8  faef01af1eec8f1d
officer en GET /bureau/enterprises → 200 text/html; charset=utf-8  a287d1e01504b4cd
officer en GET /bureau/enterprises/1 → 200 text/html; charset=utf-8  f5d8c135b24843e0
officer en GET /bureau/enterprises/2 → 404 text/html; charset=utf-8  ad41820f89ca2123
officer en GET /bureau/enterprises/99 → 404 text/html; charset=utf-8  ecf4ce0e1903c65e
officer en GET /bureau/enterprises/1/edit → 200 text/html; charset=utf-8  2b27d90fcbd235dc
officer en GET /bureau/enterprises/2/edit → 404 text/html; charset=utf-8  d5c41b27f15ac79a
officer en GET /bureau/enterprises/99/edit → 404 text/html; charset=utf-8  5e629492699a79e6
officer en GET /bureau/enterprises/new → 200 text/html; charset=utf-8  6433cd7182e5969a
officer en GET /bureau/escorts → 200 text/html; charset=utf-8  6ffef5b4d71f78bc
officer en GET /bureau/escorts/1 → 200 text/html; charset=utf-8  4b113fe9c9880dcc
officer en GET /bureau/escorts/2 → 200 text/html; charset=utf-8  baa8f5dd6a73cf61
officer en GET /bureau/escorts/99 → 404 text/html; charset=utf-8  d2cee8287bb0ad1c
officer en GET /bureau/keys → 403 text/html; charset=utf-8  8ef821b406bd2183
officer en GET /bureau/passes → 200 text/html; charset=utf-8  3427c5d9fe7f849b
officer en GET /bureau/passes/1 → 200 text/html; charset=utf-8  1f131debc27654ba
officer en GET /bureau/passes/2 → 200 text/html; charset=utf-8  320b27d75352c639
officer en GET /bureau/passes/99 → 404 text/html; charset=utf-8  0f94fd71e9ce8d6a
officer en GET /bureau/people → 200 text/html; charset=utf-8  b8dcce5b5390237b
officer en GET /bureau/people/1 → 200 text/html; charset=utf-8  f7d66b518e6ec36b
officer en GET /bureau/people/2 → 200 text/html; charset=utf-8  c316ea6e9c8687e7
officer en GET /bureau/people/99 → 404 text/html; charset=utf-8  8705ae59d263ef21
officer en GET /bureau/rules → 403 text/html; charset=utf-8  2d49bd3b82c078b6
officer en GET /bureau/rules/1 → 200 text/html; charset=utf-8  4309707d86a74e67
officer en GET /bureau/rules/2 → 404 text/html; charset=utf-8  af9839727cbf4b37
officer en GET /bureau/rules/99 → 404 text/html; charset=utf-8  d7c6b721e44c3075
officer en GET /bureau/rules/draft → 403 text/html; charset=utf-8  909a70261163fce6
officer en GET /bureau/rules/playground → 200 text/html; charset=utf-8  172606ab9a1d374f
officer en GET /bureau/staff → 403 text/html; charset=utf-8  3a45862c7037ab0d
officer en GET /bureau/tokens → 403 text/html; charset=utf-8  3348becb970446a4
officer en GET /bureau/vehicles → 200 text/html; charset=utf-8  df2ccb1360989ec6
officer en GET /bureau/webhooks → 200 text/html; charset=utf-8  6c3837470e5deb5b
officer en GET /bureau/webhooks/1 → 404 text/html; charset=utf-8  f647c66e611ce4f9
officer en GET /bureau/webhooks/2 → 404 text/html; charset=utf-8  60ae80a123fe552a
officer en GET /bureau/webhooks/99 → 404 text/html; charset=utf-8  fd61774745dcdfd3
officer en GET /carrier → 403 text/html; charset=utf-8  34094dcae68773de
officer en GET /carrier/runs/1 → 403 text/html; charset=utf-8  f2b8879d4642090b
officer en GET /carrier/runs/2 → 403 text/html; charset=utf-8  0034933abee415b5
officer en GET /carrier/runs/99 → 403 text/html; charset=utf-8  61e6f9a93aa5ba8a
officer en GET /enterprise → 403 text/html; charset=utf-8  83f28f1fab4bf807
officer en GET /enterprise/charter → 403 text/html; charset=utf-8  87aada99774507be
officer en GET /enterprise/charter/runs/1 → 403 text/html; charset=utf-8  476f7f2563be22e8
officer en GET /enterprise/charter/runs/2 → 403 text/html; charset=utf-8  4608773defea21b2
officer en GET /enterprise/charter/runs/99 → 403 text/html; charset=utf-8  8a6770c73682eb75
officer en GET /enterprise/checks → 403 text/html; charset=utf-8  d4d3fa9de4c3bc54
officer en GET /enterprise/custody → 403 text/html; charset=utf-8  5405f394a3d0644c
officer en GET /enterprise/custody/1 → 403 text/html; charset=utf-8  14aa0ef0a7fd4130
officer en GET /enterprise/custody/2 → 403 text/html; charset=utf-8  e9ddc9329301a6e2
officer en GET /enterprise/custody/99 → 403 text/html; charset=utf-8  cfe0734d9de481c2
officer en GET /enterprise/escorts/1 → 403 text/html; charset=utf-8  c1146e4477abfab4
officer en GET /enterprise/escorts/2 → 403 text/html; charset=utf-8  e2263cd6194e4dc3
officer en GET /enterprise/escorts/99 → 403 text/html; charset=utf-8  3b6f101e9f84e89d
officer en GET /enterprise/escorts/duty-sheet → 403 text/html; charset=utf-8  b769a0a62268e07a
officer en GET /enterprise/passes → 403 text/html; charset=utf-8  06f581b4dd3753b1
officer en GET /enterprise/passes/1 → 403 text/html; charset=utf-8  07c43b19086bbdb9
officer en GET /enterprise/passes/2 → 403 text/html; charset=utf-8  8e9bfc902aac33d7
officer en GET /enterprise/passes/99 → 403 text/html; charset=utf-8  73d922c892397d97
officer en GET /enterprise/passes/1/edit → 403 text/html; charset=utf-8  2ced1823249b99ce
officer en GET /enterprise/passes/2/edit → 403 text/html; charset=utf-8  700eed458f10fc2b
officer en GET /enterprise/passes/99/edit → 403 text/html; charset=utf-8  b5fc7fbfe96c5d5f
officer en GET /enterprise/passes/new → 403 text/html; charset=utf-8  8c611440def7e54b
officer en GET /enterprise/people → 403 text/html; charset=utf-8  19a2fdbe851e918f
officer en GET /enterprise/people/1/edit → 403 text/html; charset=utf-8  34a72e3226766523
officer en GET /enterprise/people/2/edit → 403 text/html; charset=utf-8  b38d434ab95be5f2
officer en GET /enterprise/people/99/edit → 403 text/html; charset=utf-8  a576add70d0ed5d8
officer en GET /enterprise/people/new → 403 text/html; charset=utf-8  1433b4aaf86b61cb
officer en GET /enterprise/tokens → 403 text/html; charset=utf-8  3abe851b30358df9
officer en GET /enterprise/vehicles → 403 text/html; charset=utf-8  b2ede2be70356cac
officer en GET /enterprise/vehicles/1/edit → 403 text/html; charset=utf-8  54826dbd25d2bc52
officer en GET /enterprise/vehicles/2/edit → 403 text/html; charset=utf-8  7fe505f042fce4a4
officer en GET /enterprise/vehicles/99/edit → 403 text/html; charset=utf-8  6e5f3f716f763b98
officer en GET /enterprise/vehicles/new → 403 text/html; charset=utf-8  c5cbdb1e13f012c4
officer en GET /enterprise/webhooks → 403 text/html; charset=utf-8  455992322fc468ac
officer en GET /enterprise/webhooks/1 → 403 text/html; charset=utf-8  8a27259635032c0e
officer en GET /enterprise/webhooks/2 → 403 text/html; charset=utf-8  e0e762c1b5e79fee
officer en GET /enterprise/webhooks/99 → 403 text/html; charset=utf-8  25273bbacaf54d89
officer en GET /login → 303  / e3b0c44298fc1c14
officer en GET /passes/1/print → 200 text/html; charset=utf-8  2e70339c2672cf18
officer en GET /passes/2/print → 409 text/html; charset=utf-8  16bd784643061b5d
officer en GET /passes/99/print → 404 text/html; charset=utf-8  3795cf9fac5027d4
officer en GET /password → 200 text/html; charset=utf-8  d4d255dad45bd888
officer en GET /enterprise/passes/1?done=created → 403 text/html; charset=utf-8  5e7f2b0af298d3ac
officer en GET /bureau/passes?status=submitted → 200 text/html; charset=utf-8  da26f7373bac320c
officer en GET /bureau/passes?q=%E8%8B%8F&page=2 → 200 text/html; charset=utf-8  64c4f38bcf9ed44f
officer en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  62e393aed04f7ad4
officer en GET /bureau/rules/playground?example=wuhan_plate → 200 text/html; charset=utf-8  61dfc3a7b7d3b661
officer en GET /bureau/rules/playground?example=fever_retest → 200 text/html; charset=utf-8  a46ccd89cb75c962
officer en GET /bureau/rules/playground?example=single_high → 200 text/html; charset=utf-8  9dad74c31b88adbd
officer en GET /bureau/rules/playground?example=wuhan_stay → 200 text/html; charset=utf-8  a4e52fe44104c7a4
officer en GET /bureau/rules/playground?example=expired_pass → 200 text/html; charset=utf-8  0dc5db42938db03b
officer en GET /bureau/rules/playground?example=stale_trust → 200 text/html; charset=utf-8  1f7c44a1f41f70db
officer en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 400 text/html; charset=utf-8  38d9b517e393211f
jincheng zh GET / → 303  /enterprise e3b0c44298fc1c14
jincheng zh GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng zh GET /bureau/carriers → 403 text/html; charset=utf-8  a030121de8817277
jincheng zh GET /bureau/charter → 403 text/html; charset=utf-8  dad41281c3850828
jincheng zh GET /bureau/charter/runs/1 → 403 text/html; charset=utf-8  3a7d83c88642ad63
jincheng zh GET /bureau/charter/runs/2 → 403 text/html; charset=utf-8  2cbac86c445a84e4
jincheng zh GET /bureau/charter/runs/99 → 403 text/html; charset=utf-8  9b1b4ef61b34230d
jincheng zh GET /bureau/checkpoints → 403 text/html; charset=utf-8  9f80e2574f590286
jincheng zh GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  02a49a3bdbc272e6
jincheng zh GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  6baba58d1db1c7e3
jincheng zh GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  feae2d62f04fdc6a
jincheng zh GET /bureau/custody → 403 text/html; charset=utf-8  6c5efbbece33cbf1
jincheng zh GET /bureau/devices → 403 text/html; charset=utf-8  a3b7761ff4a82630
jincheng zh GET /bureau/enterprises → 403 text/html; charset=utf-8  717c86d50cf84168
jincheng zh GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  c7a0d868413183ba
jincheng zh GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  32f695950dffad86
jincheng zh GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  b454838e8147488c
jincheng zh GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  2fa6c7bde248a15d
jincheng zh GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  1b64273778b5352f
jincheng zh GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  abe4c28120b21562
jincheng zh GET /bureau/enterprises/new → 403 text/html; charset=utf-8  1b95650002b06365
jincheng zh GET /bureau/escorts → 403 text/html; charset=utf-8  ef6ee53c2670c986
jincheng zh GET /bureau/escorts/1 → 403 text/html; charset=utf-8  748bbf74a11c4ee1
jincheng zh GET /bureau/escorts/2 → 403 text/html; charset=utf-8  1c4c70f00fc15f28
jincheng zh GET /bureau/escorts/99 → 403 text/html; charset=utf-8  f8e1a00d32563bd6
jincheng zh GET /bureau/keys → 403 text/html; charset=utf-8  847e3d727244d07e
jincheng zh GET /bureau/passes → 403 text/html; charset=utf-8  c1970066724c88e0
jincheng zh GET /bureau/passes/1 → 403 text/html; charset=utf-8  fcaefa519b7a7992
jincheng zh GET /bureau/passes/2 → 403 text/html; charset=utf-8  b7a3d92132e5139a
jincheng zh GET /bureau/passes/99 → 403 text/html; charset=utf-8  6da2352dca991336
jincheng zh GET /bureau/people → 403 text/html; charset=utf-8  0bdc19208f3121f4
jincheng zh GET /bureau/people/1 → 403 text/html; charset=utf-8  02a5a11f44815127
jincheng zh GET /bureau/people/2 → 403 text/html; charset=utf-8  816272a58a5b7a6e
jincheng zh GET /bureau/people/99 → 403 text/html; charset=utf-8  aa32fff6800e503a
jincheng zh GET /bureau/rules → 403 text/html; charset=utf-8  f0ec154e94e95561
jincheng zh GET /bureau/rules/1 → 403 text/html; charset=utf-8  f8880aa8d12878f8
jincheng zh GET /bureau/rules/2 → 403 text/html; charset=utf-8  f5e986cdc7d36b85
jincheng zh GET /bureau/rules/99 → 403 text/html; charset=utf-8  38b6bdde03909478
jincheng zh GET /bureau/rules/draft → 403 text/html; charset=utf-8  a51fc2133d5e3ae7
jincheng zh GET /bureau/rules/playground → 403 text/html; charset=utf-8  cf7424f57c045bcd
jincheng zh GET /bureau/staff → 403 text/html; charset=utf-8  b00473bee36f7d4f
jincheng zh GET /bureau/tokens → 403 text/html; charset=utf-8  b6dcf9f39246ab76
jincheng zh GET /bureau/vehicles → 403 text/html; charset=utf-8  394dca13055030a4
jincheng zh GET /bureau/webhooks → 403 text/html; charset=utf-8  4c2ba61d78b0b82d
jincheng zh GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  38de811557fc4429
jincheng zh GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  35728ebf282fdf64
jincheng zh GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  999de1b80ded0462
jincheng zh GET /carrier → 403 text/html; charset=utf-8  edd2b2c775d6148b
jincheng zh GET /carrier/runs/1 → 403 text/html; charset=utf-8  7de7a7d0ea18941f
jincheng zh GET /carrier/runs/2 → 403 text/html; charset=utf-8  3f08fc502ad89aa9
jincheng zh GET /carrier/runs/99 → 403 text/html; charset=utf-8  2b1235f76faf23db
jincheng zh GET /enterprise → 200 text/html; charset=utf-8  17711d1ffaffbadd
jincheng zh GET /enterprise/charter → 200 text/html; charset=utf-8  4302ff2ae2f48a70
jincheng zh GET /enterprise/charter/runs/1 → 404 text/html; charset=utf-8  5499e703c932a65a
jincheng zh GET /enterprise/charter/runs/2 → 404 text/html; charset=utf-8  7cae280223ccacd5
jincheng zh GET /enterprise/charter/runs/99 → 404 text/html; charset=utf-8  af2be067673db6c5
jincheng zh GET /enterprise/checks → 200 text/html; charset=utf-8  c15608c0073077e7
jincheng zh GET /enterprise/custody → 200 text/html; charset=utf-8  e27b51b1f94b1ad7
jincheng zh GET /enterprise/custody/1 → 404 text/html; charset=utf-8  f4af96ad3ea3a4cc
jincheng zh GET /enterprise/custody/2 → 404 text/html; charset=utf-8  3ce5dc1ef1f4cf32
jincheng zh GET /enterprise/custody/99 → 404 text/html; charset=utf-8  735106e5d143e4bb
jincheng zh GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  ff040ccd0b1c3c01
jincheng zh GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  c935b27ad23bcb2b
jincheng zh GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  8a8a8606a718a3e6
jincheng zh GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  25265b281cb48ba4
jincheng zh GET /enterprise/passes → 200 text/html; charset=utf-8  4d7ac9b3546338ce
jincheng zh GET /enterprise/passes/1 → 200 text/html; charset=utf-8  e42f701613df8adf
jincheng zh GET /enterprise/passes/2 → 200 text/html; charset=utf-8  c06ec4ad98b98eb2
jincheng zh GET /enterprise/passes/99 → 404 text/html; charset=utf-8  b4265d7e444836f4
jincheng zh GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng zh GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  f0c9917c59eb348a
jincheng zh GET /enterprise/passes/new → 200 text/html; charset=utf-8  81771465a8c7ce19
jincheng zh GET /enterprise/people → 200 text/html; charset=utf-8  2e72f0fab5fa9a80
jincheng zh GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  eecb72d797b61a7d
jincheng zh GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  4dd8fa4f9566227c
jincheng zh GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  f079852780e2aa1e
jincheng zh GET /enterprise/people/new → 200 text/html; charset=utf-8  294e9b11bbcba059
jincheng zh GET /enterprise/tokens → 200 text/html; charset=utf-8  015c1b26aff87cdd
jincheng zh GET /enterprise/vehicles → 200 text/html; charset=utf-8  f7747f6fcaf7c964
jincheng zh GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  ee9703e7457fcd7e
jincheng zh GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  273f63635823f032
jincheng zh GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  c2e2674f183cb993
jincheng zh GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  84cba9c7ccd7bb53
jincheng zh GET /enterprise/webhooks → 200 text/html; charset=utf-8  c210dbcd92843b11
jincheng zh GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  c0e9db1f32d03f97
jincheng zh GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  4a48804b309169bd
jincheng zh GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  a4e6fabdc3df8fc7
jincheng zh GET /login → 303  / e3b0c44298fc1c14
jincheng zh GET /passes/1/print → 200 text/html; charset=utf-8  265d1d6aa18b7ba9
jincheng zh GET /passes/2/print → 409 text/html; charset=utf-8  8811546d149434ea
jincheng zh GET /passes/99/print → 404 text/html; charset=utf-8  9063cbc339be4261
jincheng zh GET /password → 200 text/html; charset=utf-8  c9de53006700eecd
jincheng zh GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  fa45dff3fdd1a0f4
jincheng zh GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  1a7e1945d22dfdfd
jincheng zh GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  31d492082b3a68ac
jincheng zh GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  7248b4b999d91834
jincheng zh GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  85ae425aed7d6b38
jincheng zh GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  b6eebd2d3c7be15a
jincheng zh GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  a5a885c7b54f7c3d
jincheng zh GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  854b740cadefb24c
jincheng zh GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  30fb0d2c7335c877
jincheng zh GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  3ba46f1df4611bc4
jincheng zh GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  3736acf5759626cb
jincheng en GET / → 303  /enterprise e3b0c44298fc1c14
jincheng en GET /.well-known/jwks.json → 200 application/json; charset=utf-8  706b2448872d02cd
jincheng en GET /bureau/carriers → 403 text/html; charset=utf-8  dd588abd58543b03
jincheng en GET /bureau/charter → 403 text/html; charset=utf-8  8ca6b22c0b829a0a
jincheng en GET /bureau/charter/runs/1 → 403 text/html; charset=utf-8  b06ad1bc60927e74
jincheng en GET /bureau/charter/runs/2 → 403 text/html; charset=utf-8  7a1be557593fc8d6
jincheng en GET /bureau/charter/runs/99 → 403 text/html; charset=utf-8  7515ccbf99d91818
jincheng en GET /bureau/checkpoints → 403 text/html; charset=utf-8  b8607a76f32667e2
jincheng en GET /bureau/checkpoints/1 → 403 text/html; charset=utf-8  7abc6e8cb2e6ab0c
jincheng en GET /bureau/checkpoints/2 → 403 text/html; charset=utf-8  c355cada620e0b21
jincheng en GET /bureau/checkpoints/99 → 403 text/html; charset=utf-8  b459016b8e1aa008
jincheng en GET /bureau/custody → 403 text/html; charset=utf-8  12b4a3e723e99bd9
jincheng en GET /bureau/devices → 403 text/html; charset=utf-8  d1a229017405d68e
jincheng en GET /bureau/enterprises → 403 text/html; charset=utf-8  6b0e8cb2b2180aa3
jincheng en GET /bureau/enterprises/1 → 403 text/html; charset=utf-8  cb078d37a6c2ed84
jincheng en GET /bureau/enterprises/2 → 403 text/html; charset=utf-8  aadabc9245c6503f
jincheng en GET /bureau/enterprises/99 → 403 text/html; charset=utf-8  0d3455736298b3d4
jincheng en GET /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  00a51652a34f39f4
jincheng en GET /bureau/enterprises/2/edit → 403 text/html; charset=utf-8  e24788d6ebc7319c
jincheng en GET /bureau/enterprises/99/edit → 403 text/html; charset=utf-8  f32804980ab9fe90
jincheng en GET /bureau/enterprises/new → 403 text/html; charset=utf-8  cf415cdac8d387c3
jincheng en GET /bureau/escorts → 403 text/html; charset=utf-8  68fe36a0c675c0fe
jincheng en GET /bureau/escorts/1 → 403 text/html; charset=utf-8  4db1e5e7d0ec87df
jincheng en GET /bureau/escorts/2 → 403 text/html; charset=utf-8  ea3efabcfaaf80a1
jincheng en GET /bureau/escorts/99 → 403 text/html; charset=utf-8  32dc6360d718f7fd
jincheng en GET /bureau/keys → 403 text/html; charset=utf-8  de9cdde7c506a459
jincheng en GET /bureau/passes → 403 text/html; charset=utf-8  29f677fee4ebcdca
jincheng en GET /bureau/passes/1 → 403 text/html; charset=utf-8  252c43e3b798a96e
jincheng en GET /bureau/passes/2 → 403 text/html; charset=utf-8  87a2c194bc9ccbdb
jincheng en GET /bureau/passes/99 → 403 text/html; charset=utf-8  0d2b68bae97907c0
jincheng en GET /bureau/people → 403 text/html; charset=utf-8  9d60763750c4494e
jincheng en GET /bureau/people/1 → 403 text/html; charset=utf-8  c4c33f0a55e5058b
jincheng en GET /bureau/people/2 → 403 text/html; charset=utf-8  6292138dca5c4fbd
jincheng en GET /bureau/people/99 → 403 text/html; charset=utf-8  77081a4b8e40a369
jincheng en GET /bureau/rules → 403 text/html; charset=utf-8  81c916e755b3ffaf
jincheng en GET /bureau/rules/1 → 403 text/html; charset=utf-8  837cd73bb1498214
jincheng en GET /bureau/rules/2 → 403 text/html; charset=utf-8  fa6b8163515bb683
jincheng en GET /bureau/rules/99 → 403 text/html; charset=utf-8  1ba05f4baf529fad
jincheng en GET /bureau/rules/draft → 403 text/html; charset=utf-8  602cc8d50ec33a39
jincheng en GET /bureau/rules/playground → 403 text/html; charset=utf-8  8b369d27411e730e
jincheng en GET /bureau/staff → 403 text/html; charset=utf-8  7f2da7519885c6b2
jincheng en GET /bureau/tokens → 403 text/html; charset=utf-8  96b0027893d2aa76
jincheng en GET /bureau/vehicles → 403 text/html; charset=utf-8  0aa69fa6065839fa
jincheng en GET /bureau/webhooks → 403 text/html; charset=utf-8  0720e7254b436e8c
jincheng en GET /bureau/webhooks/1 → 403 text/html; charset=utf-8  b1b3ea64964279fa
jincheng en GET /bureau/webhooks/2 → 403 text/html; charset=utf-8  3266f12f44ba80c7
jincheng en GET /bureau/webhooks/99 → 403 text/html; charset=utf-8  8eb1e23e773adee0
jincheng en GET /carrier → 403 text/html; charset=utf-8  da1c7da5ab9da902
jincheng en GET /carrier/runs/1 → 403 text/html; charset=utf-8  d31154690f73b61d
jincheng en GET /carrier/runs/2 → 403 text/html; charset=utf-8  54e889b4a7119911
jincheng en GET /carrier/runs/99 → 403 text/html; charset=utf-8  635803ec86217bab
jincheng en GET /enterprise → 200 text/html; charset=utf-8  0b8bb40bb0a8747f
jincheng en GET /enterprise/charter → 200 text/html; charset=utf-8  5cea5f0ad435d57d
jincheng en GET /enterprise/charter/runs/1 → 404 text/html; charset=utf-8  a5f9e43ab81c63f7
jincheng en GET /enterprise/charter/runs/2 → 404 text/html; charset=utf-8  9f7e9455b6d44575
jincheng en GET /enterprise/charter/runs/99 → 404 text/html; charset=utf-8  3e1d59f2491e5d86
jincheng en GET /enterprise/checks → 200 text/html; charset=utf-8  0ac0d037d90b743b
jincheng en GET /enterprise/custody → 200 text/html; charset=utf-8  9dfd2f092bb413cf
jincheng en GET /enterprise/custody/1 → 404 text/html; charset=utf-8  590c5f4eac21106f
jincheng en GET /enterprise/custody/2 → 404 text/html; charset=utf-8  165efed037f5471e
jincheng en GET /enterprise/custody/99 → 404 text/html; charset=utf-8  8373bde0c1f2853c
jincheng en GET /enterprise/escorts/1 → 200 text/html; charset=utf-8  fec0e5eb1582fba2
jincheng en GET /enterprise/escorts/2 → 200 text/html; charset=utf-8  13d0d79a0217fdb1
jincheng en GET /enterprise/escorts/99 → 404 text/html; charset=utf-8  dd058f4a9be8e2de
jincheng en GET /enterprise/escorts/duty-sheet → 200 text/html; charset=utf-8  a19ff66c2cb90d41
jincheng en GET /enterprise/passes → 200 text/html; charset=utf-8  c2226c1ab7f3c06b
jincheng en GET /enterprise/passes/1 → 200 text/html; charset=utf-8  9323d31d16279b56
jincheng en GET /enterprise/passes/2 → 200 text/html; charset=utf-8  ada0d7df441823a1
jincheng en GET /enterprise/passes/99 → 404 text/html; charset=utf-8  a2da6e2a9ec1fad3
jincheng en GET /enterprise/passes/1/edit → 303  /enterprise/passes/1 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/2/edit → 303  /enterprise/passes/2 e3b0c44298fc1c14
jincheng en GET /enterprise/passes/99/edit → 404 text/html; charset=utf-8  dc61f2194b627f2e
jincheng en GET /enterprise/passes/new → 200 text/html; charset=utf-8  18df33a642a71e34
jincheng en GET /enterprise/people → 200 text/html; charset=utf-8  c19d358786cd52fe
jincheng en GET /enterprise/people/1/edit → 200 text/html; charset=utf-8  82ee5a4e476c8e8d
jincheng en GET /enterprise/people/2/edit → 200 text/html; charset=utf-8  de062c2c8a60e9da
jincheng en GET /enterprise/people/99/edit → 404 text/html; charset=utf-8  3efc276fc0a6f653
jincheng en GET /enterprise/people/new → 200 text/html; charset=utf-8  23776307ce7ac676
jincheng en GET /enterprise/tokens → 200 text/html; charset=utf-8  2d37d0cde5a9aa71
jincheng en GET /enterprise/vehicles → 200 text/html; charset=utf-8  cbe29078dd4a4492
jincheng en GET /enterprise/vehicles/1/edit → 200 text/html; charset=utf-8  7d0bc897af2bb253
jincheng en GET /enterprise/vehicles/2/edit → 200 text/html; charset=utf-8  d6eb92f689565783
jincheng en GET /enterprise/vehicles/99/edit → 404 text/html; charset=utf-8  de56b91c5ede0cbd
jincheng en GET /enterprise/vehicles/new → 200 text/html; charset=utf-8  1bcfc815c8cbe8c7
jincheng en GET /enterprise/webhooks → 200 text/html; charset=utf-8  599e45c509b598aa
jincheng en GET /enterprise/webhooks/1 → 404 text/html; charset=utf-8  f9dfb95dd8d4a0fe
jincheng en GET /enterprise/webhooks/2 → 404 text/html; charset=utf-8  5c90ded7b7a56b33
jincheng en GET /enterprise/webhooks/99 → 404 text/html; charset=utf-8  26e154f3c5daea13
jincheng en GET /login → 303  / e3b0c44298fc1c14
jincheng en GET /passes/1/print → 200 text/html; charset=utf-8  635384bdb20c6628
jincheng en GET /passes/2/print → 409 text/html; charset=utf-8  6165052d094a5623
jincheng en GET /passes/99/print → 404 text/html; charset=utf-8  4070c0f7f9de815b
jincheng en GET /password → 200 text/html; charset=utf-8  fa98781b4f8dd9ed
jincheng en GET /enterprise/passes/1?done=created → 200 text/html; charset=utf-8  de8730a28acecf9f
jincheng en GET /bureau/passes?status=submitted → 403 text/html; charset=utf-8  0131c6bdbb16f0c6
jincheng en GET /bureau/passes?q=%E8%8B%8F&page=2 → 403 text/html; charset=utf-8  e1c3f2604571e6a1
jincheng en GET /bureau/rules/draft?done=saved → 403 text/html; charset=utf-8  04a58b4388469855
jincheng en GET /bureau/rules/playground?example=wuhan_plate → 403 text/html; charset=utf-8  9373d47cfa7c91fa
jincheng en GET /bureau/rules/playground?example=fever_retest → 403 text/html; charset=utf-8  ad230f1b9d3441a2
jincheng en GET /bureau/rules/playground?example=single_high → 403 text/html; charset=utf-8  cc9c63c1a4295e8a
jincheng en GET /bureau/rules/playground?example=wuhan_stay → 403 text/html; charset=utf-8  ba1b5386232130a8
jincheng en GET /bureau/rules/playground?example=expired_pass → 403 text/html; charset=utf-8  90c2a2623252d04e
jincheng en GET /bureau/rules/playground?example=stale_trust → 403 text/html; charset=utf-8  1f58e614baad67bc
jincheng en GET /bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1 → 403 text/html; charset=utf-8  e84139d4d564c576
boss POST /bureau/enterprises → 400 text/html; charset=utf-8  52e7ffbc532ca0ae
boss POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  47a87bb125c098bd
boss POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  bfe61bdbbc7420b9
boss POST /bureau/checkpoints → 400 text/html; charset=utf-8  6fa130d645708dfa
boss POST /bureau/checkpoints/1/staff → 400 text/html; charset=utf-8  f211ca7f68b257de
boss POST /bureau/staff → 400 text/html; charset=utf-8  fc0c5cc14bf6c6da
boss POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  95addff58dbc7cc9
boss POST /enterprise/passes → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/people → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/people/1 → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/vehicles → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/contact → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  42fc5245fc70e05f
boss POST /password → 400 text/html; charset=utf-8  4497e837f5d4b58b
officer POST /bureau/enterprises → 400 text/html; charset=utf-8  98e57bdf240f06e6
officer POST /bureau/enterprises/1/edit → 400 text/html; charset=utf-8  8bb7054d5805c92b
officer POST /bureau/enterprises/1/users → 400 text/html; charset=utf-8  4cc293bb9bbe3154
officer POST /bureau/checkpoints → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /bureau/staff → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /bureau/passes/2/reject → 400 text/html; charset=utf-8  5a12b5d0b0a2b722
officer POST /enterprise/passes → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/passes/2/edit → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/people → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/people/1 → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/vehicles → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/vehicles/1 → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/contact → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /enterprise/escorts/1/dispatch → 403 text/html; charset=utf-8  665aefba1c565ef8
officer POST /password → 400 text/html; charset=utf-8  d26ace7385251292
jincheng POST /bureau/enterprises → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /bureau/enterprises/1/edit → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /bureau/enterprises/1/users → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /bureau/checkpoints → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /bureau/checkpoints/1/staff → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /bureau/staff → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /bureau/passes/2/reject → 403 text/html; charset=utf-8  fbc401c9276a2f83
jincheng POST /enterprise/passes → 400 text/html; charset=utf-8  0c81a71ce9d05d37
jincheng POST /enterprise/passes/2/edit → 400 text/html; charset=utf-8  5cb6e1757b19753b
jincheng POST /enterprise/people → 400 text/html; charset=utf-8  84577485bfeac1c4
jincheng POST /enterprise/people/1 → 400 text/html; charset=utf-8  27296a5132267140
jincheng POST /enterprise/vehicles → 400 text/html; charset=utf-8  4d5bf06c17333bfb
jincheng POST /enterprise/vehicles/1 → 400 text/html; charset=utf-8  dea8d2e8d62ad424
jincheng POST /enterprise/contact → 400 text/html; charset=utf-8  d2228ea997808d88
jincheng POST /enterprise/escorts/1/dispatch → 400 text/html; charset=utf-8  ff3cad6f295b2ec9
jincheng POST /password → 400 text/html; charset=utf-8  f87ad30bcc9aa349
`
