<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
  <context>
    <name>ActivityPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="79" />
      <source>Only problems</source>
      <translation>Só problemas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="80" />
      <source>Search the activity</source>
      <translation>Buscar na atividade</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="81" />
      <source>Double-click an order event to open it in Orders.</source>
      <translation>Clique duas vezes num evento de pedido para abri-lo em Pedidos.</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <location filename="../../pluggto_desktop/ui/app.py" line="206" />
      <source>This profile is already being synced by another Pluggto Desktop process (for example `pluggto-desktop sync`). Stop it, then open the app again.</source>
      <translation>Este perfil já está sendo sincronizado por outro processo do Pluggto Desktop (por exemplo `pluggto-desktop sync`). Encerre-o e abra o aplicativo de novo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/app.py" line="289" />
      <source>An unexpected error happened. The sync keeps running; the details are in the technical log.</source>
      <translation>Aconteceu um erro inesperado. A sincronização continua; os detalhes estão no log técnico.</translation>
    </message>
  </context>
  <context>
    <name>AppForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="28" />
      <source>App</source>
      <translation>Aplicativo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="41" />
      <source>Language</source>
      <translation>Idioma</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="43" />
      <source>Notifications</source>
      <translation>Notificações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="44" />
      <source>Start minimised to the notification area (tray)</source>
      <translation>Iniciar minimizado na área de notificação (bandeja)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="46" />
      <source>The sync keeps running in the background; click the tray icon to open the window.</source>
      <translation>A sincronização continua rodando em segundo plano; clique no ícone da bandeja para abrir a janela.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="51" />
      <source>Start with the computer (in the tray)</source>
      <translation>Iniciar com o computador (na área de notificação)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="72" />
      <source>Not available in the demo.</source>
      <translation>Não disponível na demonstração.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="81" />
      <source>Could not change it: %1</source>
      <translation>Não foi possível alterar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="85" />
      <source>Pluggto Desktop will start with the computer, in the tray.</source>
      <translation>O Pluggto Desktop vai iniciar com o computador, na área de notificação.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="86" />
      <source>Pluggto Desktop will not start with the computer.</source>
      <translation>O Pluggto Desktop não vai iniciar com o computador.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="89" />
      <source>Automatic</source>
      <translation>Automático</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="90" />
      <source>All (integrated orders and problems)</source>
      <translation>Todas (pedidos integrados e problemas)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="90" />
      <source>Only problems</source>
      <translation>Só problemas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/app_form.py" line="91" />
      <source>Off</source>
      <translation>Desligadas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/base.py" line="182" />
      <source>not set</source>
      <extracomment>settings sections (or paths) this form edits; validation lines under them belong here</extracomment>
      <translation>não informado</translation>
    </message>
  </context>
  <context>
    <name>AuditPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="137" />
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="280" />
      <source>Audit</source>
      <translation>Conferência</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="139" />
      <source>Compares the orders in Plug.to with those in your store for a period: what is missing in the store, not acknowledged, duplicated or with a status Plug.to lacks. It only reads; nothing changes unless you ask, after confirming.</source>
      <translation>Compara os pedidos do Plug.to com os da sua loja num período: o que falta na loja, o que não foi confirmado, o que está duplicado ou com um status que o Plug.to não tem. Só lê; nada muda sem você pedir, depois de confirmar.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="149" />
      <source>From</source>
      <translation>De</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="150" />
      <source>to</source>
      <translation>a</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="151" />
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="213" />
      <source>Checking…</source>
      <translation>Conferindo…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="151" />
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="213" />
      <source>Check now</source>
      <translation>Conferir agora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="155" />
      <source>Export CSV…</source>
      <translation>Exportar CSV…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="159" />
      <source>Choose the period and click Check now.</source>
      <translation>Escolha o período e clique em Conferir agora.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="189" />
      <source>check Plug.to against the store</source>
      <translation>conferir o Plug.to com a loja</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="195" />
      <source>Reading Plug.to and the store…</source>
      <translation>Lendo o Plug.to e a loja…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="222" />
      <source>%1: %2 (%3 Plug.to orders and %4 store orders read)</source>
      <translation>%1: %2 (%3 pedidos do Plug.to e %4 pedidos da loja lidos)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="285" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="298" />
      <source>repair</source>
      <translation>corrigir</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="306" />
      <source>Repairing…</source>
      <translation>Corrigindo…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="313" />
      <source>Repaired: %1.</source>
      <translation>Corrigido: %1.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="321" />
      <source>Export CSV</source>
      <translation>Exportar CSV</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="323" />
      <source>CSV files (*.csv)</source>
      <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="325" />
      <source>audit</source>
      <translation>conferencia</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="339" />
      <source>Could not export: %1</source>
      <translation>Não foi possível exportar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/audit_page.py" line="341" />
      <source>Saved to %1.</source>
      <translation>Salvo em %1.</translation>
    </message>
  </context>
  <context>
    <name>ChannelForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="33" />
      <source>Orders</source>
      <translation>Pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="35" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="294" />
      <source>Website id</source>
      <translation>ID do website</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="36" />
      <source>The number of the Plug.to sales channel's website in Linx Commerce (LOJA → SOLUÇÕES → Pluggto).</source>
      <translation>O número do website do canal de vendas Plug.to na Linx Commerce (LOJA → SOLUÇÕES → Pluggto).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="41" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="295" />
      <source>Statuses to import</source>
      <translation>Status a importar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="42" />
      <source>Orders are created in the store when Plug.to shows one of these statuses. Usually: Approved and Invoice requested.</source>
      <translation>Os pedidos são criados na loja quando o Plug.to mostra um destes status. O usual: Aprovado e Nota fiscal solicitada.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="45" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="296" />
      <source>Order feed queue id</source>
      <translation>ID da fila de pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="46" />
      <source>The Linx queue that tells when the store invoices, ships or cancels an order, so Plug.to is told too.</source>
      <translation>A fila da Linx que avisa quando a loja fatura, envia ou cancela um pedido, para o Plug.to ser avisado também.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="50" />
      <source>Intermediary CNPJ (NF-e)</source>
      <translation>CNPJ do intermediador (NF-e)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="52" />
      <source>A marketplace sale's NF-e must carry the CNPJ of the marketplace (the intermediary). Plug.to usually sends it; when it does not, or sends an invalid one, the table below is used, then the fallback CNPJ.</source>
      <translation>A NF-e de uma venda em marketplace precisa levar o CNPJ do marketplace (o intermediador). O Plug.to costuma enviá-lo; quando não envia, ou envia um inválido, vale a tabela abaixo e, depois, o CNPJ padrão.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="56" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="88" />
      <source>Marketplace (as Plug.to names it)</source>
      <translation>Marketplace (como o Plug.to o chama)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="56" />
      <source>Intermediary CNPJ</source>
      <translation>CNPJ do intermediador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="57" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="90" />
      <source>Add marketplace</source>
      <translation>Adicionar marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="59" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="297" />
      <source>CNPJ per marketplace</source>
      <translation>CNPJ por marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="60" />
      <source>E.g. MercadoLivre → 03.007.331/0001-41. Names match loosely (spaces, accents and upper/lower case do not matter) and through the marketplace's other names: Americanas also covers B2W and LOJASAMERICANAS.</source>
      <translation>Ex.: MercadoLivre → 03.007.331/0001-41. Os nomes são comparados sem rigor (espaços, acentos e maiúsculas/minúsculas não importam) e pelos outros nomes do marketplace: Americanas também vale para B2W e LOJASAMERICANAS.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="65" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="298" />
      <source>Fallback CNPJ</source>
      <translation>CNPJ padrão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="66" />
      <source>Used when neither Plug.to nor the table gives a valid CNPJ.</source>
      <translation>Usado quando nem o Plug.to nem a tabela trazem um CNPJ válido.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="68" />
      <source>Integrate orders even without an intermediary CNPJ</source>
      <translation>Integrar pedidos mesmo sem CNPJ do intermediador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="70" />
      <source>Normally such an order waits as "needs attention" until you give a CNPJ. If you tick this, it is created in the store without one — and its NF-e is likely to be rejected by SEFAZ (rejection 440, intermediary missing or invalid), to be fixed by hand when invoicing.</source>
      <translation>Normalmente um pedido assim fica em "precisa de atenção" até você informar um CNPJ. Se marcar esta opção, ele é criado na loja sem o CNPJ — e a NF-e dele provavelmente será rejeitada pela SEFAZ (rejeição 440, intermediador ausente ou inválido), a ser corrigida à mão no faturamento.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="76" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="302" />
      <source>Marketplace deadlines</source>
      <translation>Prazos dos marketplaces</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="78" />
      <source>Hours from the sale's approval to invoice it and to ship it. Orders close to their deadline (its last quarter) and past it show on the Dashboard and in Orders. 24 h and 48 h are the app's starting point, not any marketplace's rule: check yours (they change with your seller level and shipping mode). When Plug.to gives the marketplace's own ship-by date, the earlier one counts.</source>
      <translation>Horas a partir da aprovação da venda para faturá-la e para enviá-la. Pedidos perto do prazo (no último quarto do tempo) e atrasados aparecem no Painel e em Pedidos. 24 h e 48 h são o ponto de partida do aplicativo, não a regra de nenhum marketplace: confira as do seu (mudam com o seu nível de vendedor e o modo de envio). Quando o Plug.to informa a data limite de envio do próprio marketplace, vale a mais cedo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="82" />
      <source> h</source>
      <translation> h</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="84" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="88" />
      <source>To invoice</source>
      <translation>Para faturar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="86" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="89" />
      <source>To ship</source>
      <translation>Para enviar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="93" />
      <source>Per marketplace</source>
      <translation>Por marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="94" />
      <source>Only where a marketplace differs from the hours above.</source>
      <translation>Só onde um marketplace difere das horas acima.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="97" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="304" />
      <source>Products</source>
      <translation>Produtos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="99" />
      <source>Which products of the store go to Plug.to, with which price and stock. Rules for each marketplace stay in the Plug.to panel.</source>
      <translation>Quais produtos da loja vão para o Plug.to, com qual preço e estoque. As regras de cada marketplace ficam no painel do Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="102" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="303" />
      <source>Product feed queue id</source>
      <translation>ID da fila de produtos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="104" />
      <source>The Linx queue that tells which products changed.</source>
      <translation>A fila da Linx que avisa quais produtos mudaram.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="105" />
      <source>Send only active products</source>
      <translation>Enviar só produtos ativos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="108" />
      <source>Stock warehouse id</source>
      <translation>ID do depósito de estoque</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="109" />
      <source>The Linx warehouse whose balance is sent as stock (usually 1).</source>
      <translation>O depósito da Linx cujo saldo é enviado como estoque (normalmente 1).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="110" />
      <source> units</source>
      <translation> unidades</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="111" />
      <source>Units held back</source>
      <translation>Unidades reservadas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="112" />
      <source>Subtracted from each SKU's stock before it is sent (a safety margin).</source>
      <translation>Descontadas do estoque de cada SKU antes do envio (uma margem de segurança).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="120" />
      <source>Plug.to price (from)</source>
      <translation>Preço no Plug.to (vem de)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="121" />
      <source>Plug.to sale price (from)</source>
      <translation>Preço promocional no Plug.to (vem de)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="123" />
      <source>The sale price is sent only when it is lower than the price.</source>
      <translation>O preço promocional só é enviado quando é menor que o preço.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="129" />
      <source>e.g. Shirts, Shorts</source>
      <translation>ex.: Camisetas, Bermudas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="131" />
      <source>e.g. Brand A, Brand B</source>
      <translation>ex.: Marca A, Marca B</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="132" />
      <source>Separated by commas; empty = all.</source>
      <translation>Separados por vírgula; vazio = todos.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="133" />
      <source>Only these categories</source>
      <translation>Só estas categorias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="135" />
      <source>Except these categories</source>
      <translation>Exceto estas categorias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="137" />
      <source>Only these brands</source>
      <translation>Só estas marcas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="139" />
      <source>Except these brands</source>
      <translation>Exceto estas marcas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="140" />
      <source>Linx property</source>
      <translation>Propriedade da Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="140" />
      <source>Plug.to attribute code</source>
      <translation>Código do atributo no Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="141" />
      <source>Add mapping</source>
      <translation>Adicionar de-para</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="143" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="311" />
      <source>Attribute mapping</source>
      <translation>De-para de atributos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="144" />
      <source>Which Linx property fills which Plug.to attribute (e.g. Cor → color).</source>
      <translation>Qual propriedade da Linx preenche qual atributo do Plug.to (ex.: Cor → color).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="149" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="285" />
      <source>List price (ListPrice)</source>
      <translation>Preço de tabela (ListPrice)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="149" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="285" />
      <source>Sale price (RetailPrice)</source>
      <translation>Preço de venda (RetailPrice)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="249" />
      <source>invoice in %1 h, ship in %2 h</source>
      <translation>faturar em %1 h, enviar em %2 h</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="261" />
      <source>%1 also covers orders from %2</source>
      <translation>%1 também vale para pedidos de %2</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="264" />
      <source>Type the Linx website id of the sales channel.</source>
      <translation>Digite o ID do website do canal de vendas na Linx.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="269" />
      <source>No fallback intermediary CNPJ: an order for which Plug.to sends no valid CNPJ (and no marketplace of the table matches) will wait as "needs attention".</source>
      <translation>Sem CNPJ padrão do intermediador: um pedido para o qual o Plug.to não envie CNPJ válido (e nenhum marketplace da tabela corresponda) ficará em "precisa de atenção".</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="272" />
      <source>Orders without an intermediary CNPJ will be created anyway: their NF-e may be rejected by SEFAZ (rejection 440).</source>
      <translation>Pedidos sem CNPJ do intermediador serão criados assim mesmo: a NF-e deles pode ser rejeitada pela SEFAZ (rejeição 440).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="275" />
      <source>No order feed queue id: invoices, shipping and cancellations made in the store will not be sent back to Plug.to.</source>
      <translation>Sem ID da fila de pedidos: notas fiscais, envios e cancelamentos feitos na loja não serão devolvidos ao Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="282" />
      <source>not set</source>
      <translation>não informado</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="283" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="297" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="298" />
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="312" />
      <source>none</source>
      <translation>nenhum</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="287" />
      <source>only categories</source>
      <translation>só as categorias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="288" />
      <source>except categories</source>
      <translation>exceto as categorias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="289" />
      <source>only brands</source>
      <translation>só as marcas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="290" />
      <source>except brands</source>
      <translation>exceto as marcas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="299" />
      <source>Without intermediary</source>
      <translation>Sem intermediador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="300" />
      <source>integrate anyway (risk of SEFAZ rejection 440)</source>
      <translation>integrar assim mesmo (risco de rejeição 440 da SEFAZ)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="301" />
      <source>wait as "needs attention"</source>
      <translation>aguardar em "precisa de atenção"</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="304" />
      <source>only active</source>
      <translation>só ativos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="304" />
      <source>active and inactive</source>
      <translation>ativos e inativos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="306" />
      <source>Stock</source>
      <translation>Estoque</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="306" />
      <source>warehouse %1, %n unit(s) held back</source>
      <translation>
        <numerusform>depósito %1, %n unidade reservada</numerusform>
        <numerusform>depósito %1, %n unidades reservadas</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="308" />
      <source>Prices</source>
      <translation>Preços</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/channel_form.py" line="308" />
      <source>price from %1, sale price from %2</source>
      <translation>preço vem de %1, preço promocional vem de %2</translation>
    </message>
  </context>
  <context>
    <name>CnpjField</name>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="191" />
      <source>Valid CNPJ (new alphanumeric format).</source>
      <translation>CNPJ válido (novo formato alfanumérico).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="190" />
      <source>Valid CNPJ.</source>
      <translation>CNPJ válido.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="192" />
      <source>Optional: leave empty if not needed.</source>
      <translation>Opcional: deixe vazio se não precisar.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="193" />
      <source>Type the CNPJ.</source>
      <translation>Digite o CNPJ.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="194" />
      <source>Incomplete: %1 of 14 characters.</source>
      <translation>Incompleto: %1 de 14 caracteres.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="195" />
      <source>Too long: a CNPJ has 14 characters, this has %1.</source>
      <translation>Longo demais: um CNPJ tem 14 caracteres, este tem %1.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="197" />
      <source>The last 2 characters (check digits) must be numbers; the first 12 may be letters A–Z or numbers.</source>
      <translation>Os 2 últimos caracteres (dígitos verificadores) devem ser números; os 12 primeiros podem ser letras A–Z ou números.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="199" />
      <source>All characters are the same: this is not a real CNPJ.</source>
      <translation>Todos os caracteres são iguais: este não é um CNPJ de verdade.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="200" />
      <source>The check digits do not match: some character was mistyped.</source>
      <translation>Os dígitos verificadores não conferem: algum caractere foi digitado errado.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/widgets/cnpj_field.py" line="202" />
      <source>Invalid CNPJ.</source>
      <translation>CNPJ inválido.</translation>
    </message>
  </context>
  <context>
    <name>ConnectionCheckBox</name>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="170" />
      <source>Connection check</source>
      <extracomment>a step's colour by its ``ok`` (its mark is the doctor's) a new report is on screen (the diagnostics zip carries the latest one)</extracomment>
      <translation>Diagnóstico de conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="172" />
      <source>Follows the path to Plug.to and to the Linx store step by step — name (DNS), connection, certificate, HTTP answer, sign-in and one real read — and says what to do when a step fails.</source>
      <translation>Segue o caminho até o Plug.to e até a loja Linx passo a passo — nome (DNS), conexão, certificado, resposta HTTP, login e uma leitura real — e diz o que fazer quando um passo falha.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="174" />
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="185" />
      <source>Testing…</source>
      <translation>Testando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="174" />
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="197" />
      <source>Test connections</source>
      <translation>Testar conexões</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="175" />
      <source>Copy report</source>
      <translation>Copiar relatório</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="187" />
      <source>test the connections</source>
      <translation>testar as conexões</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="212" />
      <source>Not tested yet: press “Test connections”.</source>
      <translation>Ainda não testado: clique em “Testar conexões”.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="214" />
      <source>Proxy: %1</source>
      <translation>Proxy: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="221" />
      <source>Testing the connections…</source>
      <translation>Testando as conexões…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="223" />
      <source>Report copied: paste it in the message to support.</source>
      <translation>Relatório copiado: cole-o na mensagem para o suporte.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="230" />
      <source>Everything works (tested %1).</source>
      <translation>Tudo certo (testado em %1).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/connection_check.py" line="233" />
      <source>Failed at %1 (tested %2).</source>
      <translation>Falhou em %1 (testado em %2).</translation>
    </message>
  </context>
  <context>
    <name>ConnectionForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="94" />
      <source>stored — leave empty to keep</source>
      <extracomment>secret-store name -&gt; its password box (set by the subclass)</extracomment>
      <translation>salva — deixe vazio para manter</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="95" />
      <source>required — not stored</source>
      <translation>obrigatória — não está salva</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="120" />
      <source>test the connection</source>
      <translation>testar a conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="127" />
      <source>The test could not run: %1</source>
      <translation>Não foi possível fazer o teste: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="145" />
      <source>Testing…</source>
      <translation>Testando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="145" />
      <source>Test connection</source>
      <translation>Testar conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="199" />
      <source>%1: the connection was not tested with these values.</source>
      <translation>%1: a conexão não foi testada com estes valores.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="201" />
      <source>%1: the last connection test failed.</source>
      <translation>%1: o último teste de conexão falhou.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="206" />
      <source>missing</source>
      <translation>faltando</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="212" />
      <source>tested: connection OK</source>
      <translation>testada: conexão OK</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="214" />
      <source>test failed</source>
      <translation>o teste falhou</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="215" />
      <source>not tested</source>
      <translation>não testada</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/base.py" line="182" />
      <source>not set</source>
      <extracomment>settings sections (or paths) this form edits; validation lines under them belong here</extracomment>
      <translation>não informado</translation>
    </message>
  </context>
  <context>
    <name>Controller</name>
    <message>
      <location filename="../../pluggto_desktop/ui/controller.py" line="91" />
      <source>activate the channel</source>
      <translation>ativar o canal</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="47" />
      <source>never</source>
      <translation>nunca</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="51" />
      <source>%1 s ago</source>
      <translation>há %1 s</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="53" />
      <source>%1 min ago</source>
      <translation>há %1 min</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="297" />
      <source>Marketplace deadlines</source>
      <translation>Prazos dos marketplaces</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="309" />
      <source>Open the audit</source>
      <translation>Abrir a Conferência</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="312" />
      <source>See orders</source>
      <translation>Ver pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="313" />
      <source>Sync now</source>
      <translation>Sincronizar agora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="314" />
      <source>Pause</source>
      <translation>Pausar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="315" />
      <source>For 30 minutes</source>
      <translation>Por 30 minutos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="315" />
      <source>For 1 hour</source>
      <translation>Por 1 hora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="316" />
      <source>Until resumed</source>
      <translation>Até retomar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="320" />
      <source>Orders per hour — last 24 hours</source>
      <translation>Pedidos por hora — últimas 24 horas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="363" />
      <source>load the dashboard</source>
      <translation>carregar o painel</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="406" />
      <source>Last Plug.to check: %1</source>
      <translation>Última consulta ao Plug.to: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="407" />
      <source>Last notification: %1</source>
      <translation>Última notificação: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="409" />
      <source>Receiving notifications at %1</source>
      <translation>Recebendo notificações em %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="411" />
      <source>warning: reachable from other computers without HTTPS (see Settings → Sync)</source>
      <translation>atenção: acessível de outros computadores sem HTTPS (veja Configurações → Sincronização)</translation>
    </message>
  </context>
  <context>
    <name>DemoPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="27" />
      <source>This is a demo: Plug.to and the Linx Commerce store are simulated inside the app, and new marketplace orders keep arriving. Some fail on purpose, the way real ones do:</source>
      <translation>Isto é uma demonstração: o Plug.to e a loja Linx Commerce são simulados dentro do aplicativo, e novos pedidos dos marketplaces continuam chegando. Alguns falham de propósito, como os reais falham:</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="32" />
      <source>• orders selling SKU %1, which the store does not have (fix: register the SKU below, then Resend the order);
• %2 orders without a valid intermediary CNPJ, since the demo channel has no CNPJ for %2 (fix: type one in Settings → Channel, then Resend).</source>
      <translation>• pedidos com o SKU %1, que a loja não tem (correção: cadastre o SKU abaixo e clique em Reenviar no pedido);
• pedidos da %2 sem CNPJ do intermediador válido, pois o canal de demonstração não tem CNPJ para a %2 (correção: informe um em Configurações → Canal e clique em Reenviar).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="39" />
      <source>Act as the store (Linx Commerce)</source>
      <translation>Agir como a loja (Linx Commerce)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="41" />
      <source>Register the missing SKU %1 in the store</source>
      <translation>Cadastrar na loja o SKU que falta (%1)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="44" />
      <source>Invoice, ship or deliver some orders in the store</source>
      <translation>Faturar, enviar ou entregar alguns pedidos na loja</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="46" />
      <source>Change the stock of a few SKUs</source>
      <translation>Mudar o estoque de alguns SKUs</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="48" />
      <source>Create differences for the Audit to find</source>
      <translation>Criar diferenças para a Conferência encontrar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="53" />
      <source>Act as the marketplaces (Plug.to)</source>
      <translation>Agir como os marketplaces (Plug.to)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="55" />
      <source>Create 10 orders now</source>
      <translation>Criar 10 pedidos agora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="106" />
      <source>10 orders created.</source>
      <translation>10 pedidos criados.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="57" />
      <source>Buyers pay their pending orders</source>
      <translation>Compradores pagam os pedidos pendentes</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="110" />
      <source>%n order(s) paid.</source>
      <translation>
        <numerusform>%n pedido pago.</numerusform>
        <numerusform>%n pedidos pagos.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="60" />
      <source>Keep new orders coming</source>
      <translation>Continuar recebendo novos pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="66" />
      <source>Network</source>
      <translation>Rede</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="68" />
      <source>Simulate a 30-second outage</source>
      <translation>Simular uma queda de 30 segundos</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="101" />
      <source>%n order(s) moved on in the store: the update goes to Plug.to at the next check (or click Sync now).</source>
      <translation>
        <numerusform>%n pedido avançou na loja: a atualização vai ao Plug.to na próxima verificação (ou clique em Sincronizar agora).</numerusform>
        <numerusform>%n pedidos avançaram na loja: a atualização vai ao Plug.to na próxima verificação (ou clique em Sincronizar agora).</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="115" />
      <source>SKU %1 registered in the store. Now open Orders, filter “Needs attention” and click Resend.</source>
      <translation>SKU %1 cadastrado na loja. Agora abra Pedidos, filtre “Precisa de atenção” e clique em Reenviar.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="118" />
      <source>The store already has SKU %1.</source>
      <translation>A loja já tem o SKU %1.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="122" />
      <source>Stock changed for %1: only these stock updates go to Plug.to.</source>
      <translation>Estoque alterado para %1: só essas atualizações de estoque vão ao Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="127" />
      <source>Differences created for the Audit: %1. Open Audit and click Check now.</source>
      <translation>Diferenças criadas para a Conferência: %1. Abra a Conferência e clique em Conferir agora.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="131" />
      <source>Outage for 30 seconds: watch the banner and the automatic retries.</source>
      <translation>Queda por 30 segundos: acompanhe o aviso no topo e as novas tentativas automáticas.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/demo_page.py" line="132" />
      <source>simulate an outage</source>
      <translation>simular uma queda</translation>
    </message>
  </context>
  <context>
    <name>DiagnosticsExportBox</name>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="112" />
      <source>Diagnostics for support</source>
      <translation>Diagnóstico para o suporte</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="114" />
      <source>A .zip file for support with the versions, the settings, the queue counts, the orders that need attention, the latest connection check and the last 7 days of logs. Passwords, tokens and the buyers' documents, e-mails, phones and addresses are masked.</source>
      <translation>Um arquivo .zip para o suporte com as versões, as configurações, os números da fila, os pedidos que precisam de atenção, o último diagnóstico de conexão e os logs dos últimos 7 dias. Senhas, tokens e os documentos, e-mails, telefones e endereços dos compradores são mascarados.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="117" />
      <source>Include the data of the orders that need attention (masked)</source>
      <translation>Incluir os dados dos pedidos que precisam de atenção (mascarados)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="118" />
      <source>File</source>
      <translation>Arquivo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="118" />
      <source>Size</source>
      <translation>Tamanho</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="118" />
      <source>Contents</source>
      <translation>Conteúdo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="119" />
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="214" />
      <source>Saving…</source>
      <translation>Salvando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="119" />
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="229" />
      <source>Export diagnostics…</source>
      <translation>Exportar diagnóstico…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="120" />
      <source>Open folder</source>
      <translation>Abrir pasta</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="151" />
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="173" />
      <source>Preparing the preview…</source>
      <translation>Preparando a prévia…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="152" />
      <source>prepare the diagnostics</source>
      <translation>preparar o diagnóstico</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="175" />
      <source>What goes in the file: %n file(s), %1 before compression.</source>
      <translation>
        <numerusform>O que vai no arquivo: %n arquivo, %1 antes de compactar.</numerusform>
        <numerusform>O que vai no arquivo: %n arquivos, %1 antes de compactar.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="196" />
      <source>Save diagnostics</source>
      <translation>Salvar diagnóstico</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="198" />
      <source>Zip files (*.zip)</source>
      <translation>Arquivos zip (*.zip)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="202" />
      <source>export the diagnostics</source>
      <translation>exportar o diagnóstico</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="244" />
      <source>Saving the diagnostics…</source>
      <translation>Salvando o diagnóstico…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="246" />
      <source>Saved to %1 (%2). Send this file to support.</source>
      <translation>Salvo em %1 (%2). Envie este arquivo para o suporte.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/diagnostics_export.py" line="250" />
      <source>Could not save: %1</source>
      <translation>Não foi possível salvar: %1</translation>
    </message>
  </context>
  <context>
    <name>EngineForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="27" />
      <source>Receiving orders</source>
      <translation>Recebimento de pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="28" />
      <source>Receive Plug.to notifications (orders arrive at once)</source>
      <translation>Receber notificações do Plug.to (os pedidos chegam na hora)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="30" />
      <source>Plug.to sends a notification to this address whenever an order is created or changes, so Plug.to must be able to reach it (e.g. through a port forwarded on the router or a tunnel). Checking Plug.to regularly (below) always runs too, so orders arrive even without notifications — only later.</source>
      <translation>O Plug.to envia uma notificação para este endereço sempre que um pedido é criado ou muda, então o Plug.to precisa conseguir alcançá-lo (por exemplo, com uma porta redirecionada no roteador ou um túnel). A consulta periódica ao Plug.to (abaixo) sempre roda também, então os pedidos chegam mesmo sem notificações — só que mais tarde.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="35" />
      <source>Listen on address</source>
      <translation>Escutar no endereço</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="36" />
      <source>127.0.0.1 = this computer only; 0.0.0.0 = every network interface.</source>
      <translation>127.0.0.1 = só este computador; 0.0.0.0 = todas as interfaces de rede.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="38" />
      <source>Port</source>
      <translation>Porta</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="40" />
      <source>Public HTTPS address</source>
      <translation>Endereço público HTTPS</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="41" />
      <source>Only when an HTTPS reverse proxy or tunnel receives the notifications for this computer: its address, e.g. https://pedidos.minhaloja.com.br. Otherwise leave it empty.</source>
      <translation>Só quando um proxy reverso ou túnel HTTPS recebe as notificações por este computador: o endereço dele, ex.: https://pedidos.minhaloja.com.br. Caso contrário, deixe em branco.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="48" />
      <source>Copy</source>
      <translation>Copiar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="55" />
      <source>Address to register in Plug.to</source>
      <translation>Endereço a cadastrar no Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="56" />
      <source>Paste it in Plug.to as the address for notifications. Its last part is a secret: with it anyone could send notifications to this computer.</source>
      <translation>Cole-o no Plug.to como endereço das notificações. A parte final é secreta: com ela qualquer um poderia enviar notificações a este computador.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="59" />
      <source>Warning: other computers can reach this address without HTTPS, so notifications and the secret address travel unencrypted. Put an HTTPS reverse proxy or tunnel in front and enter its public address above.</source>
      <translation>Atenção: outros computadores alcançam este endereço sem HTTPS, então as notificações e o endereço secreto trafegam sem criptografia. Coloque um proxy reverso ou túnel HTTPS na frente e informe acima o endereço público dele.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="66" />
      <source> s</source>
      <translation> s</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="67" />
      <source>Check Plug.to for orders every</source>
      <translation>Consultar pedidos no Plug.to a cada</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="71" />
      <source>When something fails</source>
      <translation>Quando algo falha</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="72" />
      <source>Retry automatically after temporary failures</source>
      <translation>Tentar de novo automaticamente após falhas temporárias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="74" />
      <source>Network errors and Plug.to or Linx being out of service are retried with growing pauses; problems you must fix are never retried blindly.</source>
      <translation>Erros de rede e o Plug.to ou a Linx fora do ar são tentados de novo com pausas crescentes; problemas que você precisa corrigir nunca são repetidos às cegas.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="77" />
      <source>Attempts before "needs attention"</source>
      <translation>Tentativas antes de "precisa de atenção"</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="80" />
      <source>Write the reason into the Plug.to order log</source>
      <translation>Escrever o motivo no histórico do pedido no Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="82" />
      <source>So the same explanation appears in the Plug.to panel (once per reason).</source>
      <translation>Assim a mesma explicação aparece no painel do Plug.to (uma vez por motivo).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="84" />
      <source>Data kept on this computer</source>
      <translation>Dados guardados neste computador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="85" />
      <source> days</source>
      <translation> dias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="86" />
      <source>Keep order contents for</source>
      <translation>Guardar o conteúdo dos pedidos por</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="88" />
      <source>What Plug.to sent and Linx answered (with buyers' personal data) is erased after this; the order's history stays.</source>
      <translation>O que o Plug.to enviou e a Linx respondeu (com dados pessoais dos compradores) é apagado depois disso; o histórico do pedido fica.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="91" />
      <source>Products</source>
      <translation>Produtos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="92" />
      <source>Send products, prices and stock to Plug.to</source>
      <translation>Enviar produtos, preços e estoque ao Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="99" />
      <source>Full check every night at</source>
      <translation>Verificação completa toda noite às</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="101" />
      <source>Compares the whole catalogue; only what changed is sent.</source>
      <translation>Compara o catálogo inteiro; só o que mudou é enviado.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/engine_form.py" line="138" />
      <source>Made when the settings are first saved</source>
      <translation>Criado quando as configurações forem salvas pela primeira vez</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/base.py" line="182" />
      <source>not set</source>
      <extracomment>settings sections (or paths) this form edits; validation lines under them belong here</extracomment>
      <translation>não informado</translation>
    </message>
  </context>
  <context>
    <name>HourlyChart</name>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="84" />
      <source>Last 24 hours — integrated: %1; needed attention: %2</source>
      <translation>Últimas 24 horas — integrados: %1; precisaram de atenção: %2</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="122" />
      <source>Integrated</source>
      <translation>Integrados</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/dashboard.py" line="122" />
      <source>Needed attention</source>
      <translation>Precisaram de atenção</translation>
    </message>
  </context>
  <context>
    <name>IgnoreDialog</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="20" />
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="37" />
      <source>Ignore</source>
      <translation>Ignorar</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="23" />
      <source>Ignore %n product(s)? Ignored products are not sent to Plug.to until you undo it.</source>
      <translation>
        <numerusform>Ignorar %n produto? Produtos ignorados não são enviados ao Plug.to até você desfazer.</numerusform>
        <numerusform>Ignorar %n produtos? Produtos ignorados não são enviados ao Plug.to até você desfazer.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="26" />
      <source>Ignore %n order(s)? Ignored orders are not sent to Linx until you undo it.</source>
      <translation>
        <numerusform>Ignorar %n pedido? Pedidos ignorados não são enviados à Linx até você desfazer.</numerusform>
        <numerusform>Ignorar %n pedidos? Pedidos ignorados não são enviados à Linx até você desfazer.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="30" />
      <source>Reason (required):</source>
      <translation>Motivo (obrigatório):</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="32" />
      <source>e.g. test order, already typed in by hand</source>
      <translation>ex.: pedido de teste, já digitado manualmente</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="38" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="60" />
      <source>Import order by Plug.to ID</source>
      <translation>Importar pedido pelo ID do Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="62" />
      <source>The order is fetched from Plug.to now and sent to Linx as usual. A marketplace order number also works: the app finds which Plug.to order it is.</source>
      <translation>O pedido é buscado no Plug.to agora e enviado à Linx como de costume. O número do pedido no marketplace também serve: o aplicativo descobre qual é o pedido do Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="66" />
      <source>Plug.to order ID (or the marketplace's order number):</source>
      <translation>ID do pedido no Plug.to (ou o número do pedido no marketplace):</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="71" />
      <source>This does not look like a Plug.to order ID (24 characters, 0-9 and a-f): it is looked for as a marketplace order number too.</source>
      <translation>Isto não parece um ID de pedido do Plug.to (24 caracteres, 0-9 e a-f): ele também será procurado como número do pedido no marketplace.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="79" />
      <source>Import</source>
      <translation>Importar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/dialogs.py" line="80" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
  </context>
  <context>
    <name>JobDetailPane</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="216" />
      <source>Marketplace</source>
      <translation>Marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="217" />
      <source>Order no.</source>
      <translation>Nº do pedido</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="218" />
      <source>Plug.to ID</source>
      <translation>ID Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="219" />
      <source>Linx order</source>
      <translation>Pedido Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="220" />
      <source>Sale ID in Linx</source>
      <translation>ID da venda na Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="221" />
      <source>Buyer</source>
      <translation>Comprador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="222" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="223" />
      <source>Plug.to status</source>
      <translation>Status Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="224" />
      <source>State</source>
      <translation>Situação</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="225" />
      <source>Deadline</source>
      <translation>Prazo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="226" />
      <source>Attempts</source>
      <translation>Tentativas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="227" />
      <source>Next attempt</source>
      <translation>Próxima tentativa</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="228" />
      <source>Order date</source>
      <translation>Data do pedido</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="229" />
      <source>Received</source>
      <translation>Recebido em</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="230" />
      <source>Updated</source>
      <translation>Atualizado em</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="231" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="232" />
      <source>Product</source>
      <translation>Produto</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="238" />
      <source>Plug.to</source>
      <translation>Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="239" />
      <source>Sent to Linx</source>
      <translation>Enviado à Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="240" />
      <source>Linx answer</source>
      <translation>Resposta da Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="241" />
      <source>Sent to Plug.to</source>
      <translation>Enviado ao Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="242" />
      <source>Plug.to answer</source>
      <translation>Resposta do Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="246" />
      <source>Select a product to see its details.</source>
      <translation>Selecione um produto para ver os detalhes.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="247" />
      <source>Select an order to see its details.</source>
      <translation>Selecione um pedido para ver os detalhes.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="250" />
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="480" />
      <source>Intermediary CNPJ</source>
      <translation>CNPJ do intermediador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="251" />
      <source>When</source>
      <translation>Quando</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="251" />
      <source>Event</source>
      <translation>Evento</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="252" />
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="484" />
      <source>Timeline</source>
      <translation>Linha do tempo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="255" />
      <source>Copy</source>
      <translation>Copiar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="322" />
      <source>no. %1 (ID %2)</source>
      <translation>nº %1 (ID %2)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="327" />
      <source>Product %1</source>
      <translation>Produto %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="329" />
      <source>Order %1 · %2</source>
      <translation>Pedido %1 · %2</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="330" />
      <source>Order %1</source>
      <translation>Pedido %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="477" />
      <source>Last error: %1</source>
      <translation>Último erro: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="338" />
      <source>What to do: %1</source>
      <translation>O que fazer: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="346" />
      <source>informed on the order</source>
      <translation>informado no pedido</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="347" />
      <source>per-marketplace table</source>
      <translation>tabela por marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="348" />
      <source>the channel's default CNPJ</source>
      <translation>CNPJ padrão do canal</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="353" />
      <source>No intermediary (allowed by the channel settings)</source>
      <translation>Sem intermediador (permitido nas configurações do canal)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="355" />
      <source>None found</source>
      <translation>Nenhum encontrado</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="357" />
      <source>Not decided yet: it is decided when the order is sent to Linx.</source>
      <translation>Ainda não definido: é decidido quando o pedido é enviado à Linx.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="391" />
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="418" />
      <source>Loading…</source>
      <translation>Carregando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="406" />
      <source>No events recorded.</source>
      <translation>Nenhum evento registrado.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="420" />
      <source>Not available: the data of finished orders is deleted after the retention period (the timeline is kept).</source>
      <translation>Indisponível: os dados de pedidos finalizados são apagados após o período de retenção (a linha do tempo é mantida).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="438" />
      <source>Not available: the order has not been read from Plug.to yet, or its data was deleted after the retention period.</source>
      <translation>Indisponível: o pedido ainda não foi lido do Plug.to, ou os dados foram apagados após o período de retenção.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="440" />
      <source>Not available: nothing was sent to Linx for this order (yet), or it was deleted after the retention period.</source>
      <translation>Indisponível: nada foi enviado à Linx para este pedido (ainda), ou foi apagado após o período de retenção.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="442" />
      <source>Not available: Linx has not answered for this order (yet), or the answer was deleted after the retention period.</source>
      <translation>Indisponível: a Linx ainda não respondeu para este pedido, ou a resposta foi apagada após o período de retenção.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="444" />
      <source>Not available: nothing was sent to Plug.to for this product yet.</source>
      <translation>Indisponível: nada foi enviado ao Plug.to para este produto ainda.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="445" />
      <source>Not available: Plug.to has not answered for this product yet.</source>
      <translation>Indisponível: o Plug.to ainda não respondeu para este produto.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/detail_pane.py" line="472" />
      <source>Reason</source>
      <translation>Motivo</translation>
    </message>
  </context>
  <context>
    <name>JobTableModel</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="43" />
      <source>Marketplace</source>
      <extracomment>``index.data(JobRole)`` is the row's :class:`Job`.</extracomment>
      <translation>Marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="45" />
      <source>Order no.</source>
      <translation>Nº do pedido</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="47" />
      <source>Buyer</source>
      <translation>Comprador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="49" />
      <source>Plug.to status</source>
      <translation>Status Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="52" />
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="67" />
      <source>State</source>
      <translation>Situação</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="53" />
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="68" />
      <source>Attempts</source>
      <translation>Tentativas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="55" />
      <source>Linx order</source>
      <translation>Pedido Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="57" />
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="70" />
      <source>Reason</source>
      <translation>Motivo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="58" />
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="72" />
      <source>Updated</source>
      <translation>Atualizado em</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="60" />
      <source>Plug.to ID</source>
      <translation>ID Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="64" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="65" />
      <source>Product</source>
      <translation>Produto</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/model.py" line="237" />
      <source>This column cannot be sorted</source>
      <extracomment>Rows held at most; beyond, the user narrows the view with filters or the search. Counts beyond this are shown as "more than …" (a count never walks a million rows). Live updates arriving within this window are applied together. A top-of-list refresh re-reads at most this many rows (what is loaded, at least a page). The parent of every row (a table has no tree): Qt's "no index", as the default argument. (count, exact): exact is False when the count stopped at ``COUNT_CAP`` (first row, rows added) after each page arrives a live refresh was applied reading failed (store closing, disk error): the message, for a status line</extracomment>
      <translation>Esta coluna não pode ser ordenada</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="96" />
      <source>Ignored by the user: %1</source>
      <translation>Ignorado pelo usuário: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="102" />
      <source>What to do: %1</source>
      <translation>O que fazer: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="104" />
      <source>Next attempt at %1</source>
      <translation>Nova tentativa às %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/columns.py" line="106" />
      <source>Last error: %1</source>
      <translation>Último erro: %1</translation>
    </message>
  </context>
  <context>
    <name>LinxForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="29" />
      <source>Homologation (test) environment</source>
      <translation>Ambiente de homologação (testes)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="46" />
      <source>Linx Commerce store</source>
      <translation>Loja Linx Commerce</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="48" />
      <source>In the Linx Commerce admin: LOJA → SOLUÇÕES → Pluggto. The integration user and its password (or key) are the ones the store uses for API integrations.</source>
      <translation>No admin da Linx Commerce: LOJA → SOLUÇÕES → Pluggto. O usuário de integração e a senha (ou chave) são os que a loja usa para integrações via API.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="50" />
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="114" />
      <source>Store</source>
      <translation>Loja</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="51" />
      <source>The store's environment name (tenant, e.g. minhaloja) or its full address starting with https://.</source>
      <translation>O nome do ambiente da loja (tenant, ex.: minhaloja) ou o endereço completo começando com https://.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="54" />
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="117" />
      <source>Integration user</source>
      <translation>Usuário de integração</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="55" />
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="118" />
      <source>Password or key</source>
      <translation>Senha ou chave</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="57" />
      <source>Tick only for a Linx homologation store (tests), never for the live store.</source>
      <translation>Marque só para uma loja de homologação da Linx (testes), nunca para a loja em produção.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="67" />
      <source>Address used: %1</source>
      <translation>Endereço usado: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="102" />
      <source>Type the store (tenant name or address).</source>
      <translation>Digite a loja (nome do ambiente ou endereço).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="103" />
      <source>Type the integration user.</source>
      <translation>Digite o usuário de integração.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="104" />
      <source>Type the integration user's password or key.</source>
      <translation>Digite a senha ou chave do usuário de integração.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="115" />
      <source>Address</source>
      <translation>Endereço</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="116" />
      <source>Environment</source>
      <translation>Ambiente</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="116" />
      <source>homologation (tests)</source>
      <translation>homologação (testes)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="116" />
      <source>production</source>
      <translation>produção</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/linx_form.py" line="119" />
      <source>Connection</source>
      <translation>Conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="94" />
      <source>stored — leave empty to keep</source>
      <extracomment>secret-store name -&gt; its password box (set by the subclass)</extracomment>
      <translation>salva — deixe vazio para manter</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="95" />
      <source>required — not stored</source>
      <translation>obrigatória — não está salva</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="120" />
      <source>test the connection</source>
      <translation>testar a conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="127" />
      <source>The test could not run: %1</source>
      <translation>Não foi possível fazer o teste: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="145" />
      <source>Testing…</source>
      <translation>Testando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="145" />
      <source>Test connection</source>
      <translation>Testar conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="199" />
      <source>%1: the connection was not tested with these values.</source>
      <translation>%1: a conexão não foi testada com estes valores.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="201" />
      <source>%1: the last connection test failed.</source>
      <translation>%1: o último teste de conexão falhou.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="206" />
      <source>missing</source>
      <translation>faltando</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="212" />
      <source>tested: connection OK</source>
      <translation>testada: conexão OK</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="214" />
      <source>test failed</source>
      <translation>o teste falhou</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="215" />
      <source>not tested</source>
      <translation>não testada</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/base.py" line="182" />
      <source>not set</source>
      <extracomment>settings sections (or paths) this form edits; validation lines under them belong here</extracomment>
      <translation>não informado</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="107" />
      <source>Pluggto Desktop</source>
      <translation>Pluggto Desktop</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="107" />
      <source>demo</source>
      <translation>demonstração</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="113" />
      <source>Version %1</source>
      <translation>Versão %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="133" />
      <source>Initial setup</source>
      <translation>Configuração inicial</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="135" />
      <source>Dashboard</source>
      <translation>Painel</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="136" />
      <source>Orders</source>
      <translation>Pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="137" />
      <source>Products</source>
      <translation>Produtos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="138" />
      <source>Audit</source>
      <translation>Conferência</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="139" />
      <source>Activity</source>
      <translation>Atividade</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="140" />
      <source>Technical log</source>
      <translation>Log técnico</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="141" />
      <source>Settings</source>
      <translation>Configurações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="142" />
      <source>Support</source>
      <translation>Suporte</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="145" />
      <source>Demo</source>
      <translation>Demonstração</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="280" />
      <source>See orders</source>
      <translation>Ver pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="292" />
      <source>Something went wrong</source>
      <translation>Algo deu errado</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="293" />
      <source>Could not %1.</source>
      <translation>Não foi possível %1.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="293" />
      <source>finish the action</source>
      <translation>concluir a ação</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="320" />
      <source>Pluggto Desktop is still syncing</source>
      <translation>O Pluggto Desktop continua sincronizando</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/main_window.py" line="321" />
      <source>The window was closed, but orders keep syncing. Use the tray icon to open it again or to quit.</source>
      <translation>A janela foi fechada, mas os pedidos continuam sincronizando. Use o ícone na área de notificação para abri-la de novo ou para sair.</translation>
    </message>
  </context>
  <context>
    <name>NetworkBox</name>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="111" />
      <source>Network</source>
      <translation>Rede</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="113" />
      <source>How the app reaches Plug.to and the Linx store. Every connection the app makes follows these settings; certificates are checked against the system's store.</source>
      <translation>Como o app chega ao Plug.to e à loja Linx. Todas as conexões do app seguem estas configurações; os certificados são conferidos no repositório do sistema.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="115" />
      <source>Use the system's proxy</source>
      <translation>Usar o proxy do sistema</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="116" />
      <source>Manual proxy</source>
      <translation>Proxy manual</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="117" />
      <source>No proxy (direct connection)</source>
      <translation>Sem proxy (conexão direta)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="118" />
      <source>Proxy address</source>
      <translation>Endereço do proxy</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="119" />
      <source>http://proxy.company:3128</source>
      <translation>http://proxy.empresa:3128</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="120" />
      <source>Exclusions</source>
      <translation>Exceções</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="121" />
      <source>erp.local, *.company.com.br, 10.0.0.0/8</source>
      <translation>erp.local, *.empresa.com.br, 10.0.0.0/8</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="123" />
      <source>Addresses reached without the proxy, separated by commas: names, *.domain, IPs or networks. This computer (localhost) never goes through the proxy.</source>
      <translation>Endereços acessados sem o proxy, separados por vírgula: nomes, *.domínio, IPs ou redes. Este computador (localhost) nunca passa pelo proxy.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="125" />
      <source>Extra certificate</source>
      <translation>Certificado extra</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="126" />
      <source>None: only the system's certificates</source>
      <translation>Nenhum: só os certificados do sistema</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="127" />
      <source>Choose…</source>
      <translation>Escolher…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="128" />
      <source>Remove</source>
      <translation>Remover</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="130" />
      <source>The root certificate of an antivirus or proxy that inspects HTTPS (.pem, .crt or .cer). The system's certificates stay trusted.</source>
      <translation>O certificado raiz de um antivírus ou proxy que inspeciona o HTTPS (.pem, .crt ou .cer). Os certificados do sistema continuam valendo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="132" />
      <source>Discard changes</source>
      <translation>Descartar alterações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="133" />
      <location filename="../../pluggto_desktop/ui/support/network.py" line="223" />
      <location filename="../../pluggto_desktop/ui/support/network.py" line="251" />
      <source>Saving…</source>
      <translation>Salvando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="133" />
      <location filename="../../pluggto_desktop/ui/support/network.py" line="236" />
      <source>Save network settings</source>
      <translation>Salvar configurações de rede</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="190" />
      <source>Choose the root certificate</source>
      <translation>Escolher o certificado raiz</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="192" />
      <source>Certificates (*.pem *.crt *.cer *.der)</source>
      <translation>Certificados (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="192" />
      <source>All files (*)</source>
      <translation>Todos os arquivos (*)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="224" />
      <source>save the network settings</source>
      <translation>salvar as configurações de rede</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="248" />
      <source>Not saved: %1</source>
      <translation>Não salvo: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="254" />
      <source>Saved, but the sync could not start: %1</source>
      <translation>Salvo, mas a sincronização não pôde começar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/network.py" line="258" />
      <source>Saved. Every connection now uses these settings; test them above.</source>
      <translation>Salvo. Todas as conexões já usam estas configurações; teste-as acima.</translation>
    </message>
  </context>
  <context>
    <name>PasswordsBox</name>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="48" />
      <source>Passwords on this computer</source>
      <translation>Senhas neste computador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="49" />
      <source>Forget saved passwords…</source>
      <translation>Esquecer as senhas salvas…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="81" />
      <source>%1. Forget them when this computer stops serving the store (it is handed over, or the app is removed): the order queue and the settings stay, and syncing stops until the passwords are typed again in Settings.</source>
      <translation>%1. Esqueça-as quando este computador deixar de atender a loja (for entregue a outra pessoa ou o app for removido): a fila de pedidos e as configurações ficam, e a sincronização para até as senhas serem digitadas de novo em Configurações.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="87" />
      <source>Deleting…</source>
      <translation>Apagando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="89" />
      <source>nothing was stored</source>
      <translation>nada estava guardado</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="90" />
      <source>Deleted: %1. Type the passwords again in Settings to sync.</source>
      <translation>Apagado: %1. Digite as senhas de novo em Configurações para sincronizar.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="93" />
      <source>Could not delete: %1</source>
      <translation>Não foi possível apagar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="95" />
      <source>Nothing is saved on this computer.</source>
      <translation>Nada fica guardado neste computador.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="97" />
      <source>Saved here: %1.</source>
      <translation>Guardadas aqui: %1.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="100" />
      <source>No password of this profile is saved here.</source>
      <translation>Nenhuma senha deste perfil está guardada aqui.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="111" />
      <source>Forget saved passwords</source>
      <translation>Esquecer as senhas salvas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="112" />
      <source>Forget the passwords saved on this computer?</source>
      <translation>Esquecer as senhas guardadas neste computador?</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="114" />
      <source>The Plug.to Client Secret and API password, the Linx password and the Plug.to access token of this profile are deleted from the password vault. Syncing stops until you type them again in Settings; the order queue and the settings are kept.</source>
      <translation>O Client Secret e a senha da API do Plug.to, a senha da Linx e o token de acesso do Plug.to deste perfil são apagados do cofre de senhas. A sincronização para até você digitá-los de novo em Configurações; a fila de pedidos e as configurações são mantidas.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="119" />
      <source>Forget passwords</source>
      <translation>Esquecer senhas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="120" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="134" />
      <source>forget the passwords</source>
      <translation>esquecer as senhas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/support/passwords.py" line="147" />
      <source>the system's password vault failed (details in the technical log)</source>
      <translation>o cofre de senhas do sistema falhou (detalhes no log técnico)</translation>
    </message>
  </context>
  <context>
    <name>PluggtoForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="39" />
      <source>Plug.to app</source>
      <translation>Aplicativo Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="41" />
      <source>The Client ID and Client Secret identify the app (plugin) that talks to Plug.to; Plug.to gives them to you.</source>
      <translation>O Client ID e o Client Secret identificam o aplicativo (plugin) que conversa com o Plug.to; quem os fornece é o Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="43" />
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="143" />
      <source>Client ID</source>
      <translation>Client ID</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="44" />
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="144" />
      <source>Client Secret</source>
      <translation>Client Secret</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="45" />
      <source>Seller's API access</source>
      <translation>Acesso à API do vendedor</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="47" />
      <source>Use the seller's API key and API password — not the e-mail and password you use to log in to the Plug.to panel.</source>
      <translation>Use a chave e a senha de API do vendedor — não o e-mail e a senha com que você entra no painel do Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="49" />
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="145" />
      <source>API user</source>
      <translation>Usuário da API</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="50" />
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="146" />
      <source>API password</source>
      <translation>Senha da API</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="58" />
      <source>Advanced</source>
      <translation>Avançado</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="65" />
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="147" />
      <source>API address</source>
      <translation>Endereço da API</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="66" />
      <source>Change it only if Plug.to support asks you to (default: %1).</source>
      <translation>Altere só se o suporte do Plug.to pedir (padrão: %1).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="131" />
      <source>Type the Client ID.</source>
      <translation>Digite o Client ID.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="132" />
      <source>Type the Client Secret.</source>
      <translation>Digite o Client Secret.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="133" />
      <source>Type the API user.</source>
      <translation>Digite o usuário da API.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="134" />
      <source>Type the API password.</source>
      <translation>Digite a senha da API.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="150" />
      <source>Plug.to user id</source>
      <translation>ID do usuário no Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/pluggto_form.py" line="151" />
      <source>Connection</source>
      <translation>Conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="94" />
      <source>stored — leave empty to keep</source>
      <extracomment>secret-store name -&gt; its password box (set by the subclass)</extracomment>
      <translation>salva — deixe vazio para manter</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="95" />
      <source>required — not stored</source>
      <translation>obrigatória — não está salva</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="120" />
      <source>test the connection</source>
      <translation>testar a conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="127" />
      <source>The test could not run: %1</source>
      <translation>Não foi possível fazer o teste: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="145" />
      <source>Testing…</source>
      <translation>Testando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="145" />
      <source>Test connection</source>
      <translation>Testar conexão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="199" />
      <source>%1: the connection was not tested with these values.</source>
      <translation>%1: a conexão não foi testada com estes valores.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="201" />
      <source>%1: the last connection test failed.</source>
      <translation>%1: o último teste de conexão falhou.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="206" />
      <source>missing</source>
      <translation>faltando</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="212" />
      <source>tested: connection OK</source>
      <translation>testada: conexão OK</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="214" />
      <source>test failed</source>
      <translation>o teste falhou</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/connection_form.py" line="215" />
      <source>not tested</source>
      <translation>não testada</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/base.py" line="182" />
      <source>not set</source>
      <extracomment>settings sections (or paths) this form edits; validation lines under them belong here</extracomment>
      <translation>não informado</translation>
    </message>
  </context>
  <context>
    <name>ProductsPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/products_page.py" line="44" />
      <source>Products of the store published to Plug.to: a changed product is sent again, an unchanged one is not; the whole catalogue is compared every night.</source>
      <translation>Produtos da loja publicados no Plug.to: um produto alterado é reenviado, um sem mudanças não; o catálogo inteiro é conferido toda noite.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/products_page.py" line="40" />
      <source>Reconcile catalogue now</source>
      <translation>Reconciliar catálogo agora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/products_page.py" line="48" />
      <source>Catalogue checked — products: %1; sent: %2; stock updates: %3; with problems: %4.</source>
      <translation>Catálogo conferido — produtos: %1; enviados: %2; atualizações de estoque: %3; com problema: %4.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/products_page.py" line="64" />
      <source>reconcile the catalogue</source>
      <translation>reconciliar o catálogo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/products_page.py" line="41" />
      <source>%v of %m products</source>
      <translation>%v de %m produtos</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <location filename="../../pluggto_desktop/ui/i18n.py" line="30" />
      <source>&amp;Look in:</source>
      <extracomment>Qt's own strings that ``qtbase_pt_BR.qm`` lacks (Qt 6.10's file dialog added the mnemonics, so its labels no longer match the catalogue's "Look in:"): our catalogue translates them in Qt's context, and a translator answers for any context.</extracomment>
      <translation>&amp;Procurar em:</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/i18n.py" line="31" />
      <source>Files of &amp;type:</source>
      <translation>Arquivos do &amp;tipo:</translation>
    </message>
  </context>
  <context>
    <name>QueueActions</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="41" />
      <source>Copy Plug.to ID</source>
      <translation>Copiar ID do Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="41" />
      <source>Copy SKU</source>
      <translation>Copiar SKU</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="53" />
      <source>Resend</source>
      <translation>Reenviar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="58" />
      <source>Resend selected</source>
      <translation>Reenviar selecionados</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="65" />
      <source>Ignore</source>
      <translation>Ignorar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="71" />
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="105" />
      <source>Undo ignore</source>
      <translation>Desfazer ignorar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="76" />
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="144" />
      <source>Import order by Plug.to ID</source>
      <translation>Importar pedido pelo ID do Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="100" />
      <source>Undo</source>
      <translation>Desfazer</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="140" />
      <source>Show it</source>
      <translation>Mostrar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="142" />
      <source>Import order %1</source>
      <translation>Importar o pedido %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="155" />
      <source>Order %1 imported: it is in the store.</source>
      <translation>Pedido %1 importado: já está na loja.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="156" />
      <source>Order %1 was read but needs attention: see the reason below.</source>
      <translation>O pedido %1 foi lido, mas precisa de atenção: veja o motivo abaixo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="157" />
      <source>Order %1 imported: waiting for the buyer's payment.</source>
      <translation>Pedido %1 importado: aguardando o pagamento do comprador.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="158" />
      <source>Order %1 imported: it was canceled on the marketplace.</source>
      <translation>Pedido %1 importado: foi cancelado no marketplace.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="159" />
      <source>Order %1: Plug.to or the store did not answer; it is retried automatically.</source>
      <translation>Pedido %1: o Plug.to ou a loja não respondeu; nova tentativa automática.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="168" />
      <source>%n product(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n produto colocado na fila de novo.</numerusform>
        <numerusform>%n produtos colocados na fila de novo.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="169" />
      <source>%n product(s) ignored.</source>
      <translation>
        <numerusform>%n produto ignorado.</numerusform>
        <numerusform>%n produtos ignorados.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="170" />
      <source>%n product(s) back in the queue.</source>
      <translation>
        <numerusform>%n produto de volta à fila.</numerusform>
        <numerusform>%n produtos de volta à fila.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="174" />
      <source>%n order(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n pedido colocado na fila de novo.</numerusform>
        <numerusform>%n pedidos colocados na fila de novo.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="175" />
      <source>%n order(s) ignored.</source>
      <translation>
        <numerusform>%n pedido ignorado.</numerusform>
        <numerusform>%n pedidos ignorados.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="176" />
      <source>%n order(s) back in the queue.</source>
      <translation>
        <numerusform>%n pedido de volta à fila.</numerusform>
        <numerusform>%n pedidos de volta à fila.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="182" />
      <source>Copy details</source>
      <translation>Copiar detalhes</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="195" />
      <source>Details copied to the clipboard.</source>
      <translation>Detalhes copiados para a área de transferência.</translation>
    </message>
  </context>
  <context>
    <name>QueueColumns</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/header.py" line="95" />
      <source>Default columns</source>
      <extracomment>the columns shown until the person chooses others (right-click on the titles): what an owner needs to find an order and see why it is stuck typical content a column is sized for, where the model's sample is longer than what most rows hold (the state is sized for "Precisa de atenção"; "Nova tentativa às 23:59" is elided, with the full text in the tooltip)</extracomment>
      <translation>Colunas padrão</translation>
    </message>
  </context>
  <context>
    <name>QueueExport</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="107" />
      <source>products</source>
      <translation>produtos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="107" />
      <source>orders</source>
      <translation>pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="109" />
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="115" />
      <source>Export CSV</source>
      <translation>Exportar CSV</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="111" />
      <source>CSV files (*.csv)</source>
      <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="123" />
      <source>An export is already running.</source>
      <translation>Já há uma exportação em andamento.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="131" />
      <source>Exporting to %1…</source>
      <translation>Exportando para %1…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="143" />
      <source>Export canceled.</source>
      <translation>Exportação cancelada.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="149" />
      <source>Could not export: %1</source>
      <translation>Não foi possível exportar: %1</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="163" />
      <source>%n product(s) exported to %1.</source>
      <translation>
        <numerusform>%n produto exportado para %1.</numerusform>
        <numerusform>%n produtos exportados para %1.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="164" />
      <source>%n order(s) exported to %1.</source>
      <translation>
        <numerusform>%n pedido exportado para %1.</numerusform>
        <numerusform>%n pedidos exportados para %1.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>QueueFilters</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="37" />
      <source>All states</source>
      <extracomment>the state combo's item data for the deadline choices ("deadline:near"…)</extracomment>
      <translation>Todas as situações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="79" />
      <source>Any date</source>
      <translation>Qualquer data</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="79" />
      <source>Today</source>
      <translation>Hoje</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="80" />
      <source>Last 7 days</source>
      <translation>Últimos 7 dias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="80" />
      <source>Last 30 days</source>
      <translation>Últimos 30 dias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="158" />
      <source>All marketplaces</source>
      <translation>Todos os marketplaces</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n produto</numerusform>
        <numerusform>%n produtos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>More than %n product(s)</source>
      <translation>
        <numerusform>Mais de %n produto</numerusform>
        <numerusform>Mais de %n produtos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n pedido</numerusform>
        <numerusform>%n pedidos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>More than %n order(s)</source>
      <translation>
        <numerusform>Mais de %n pedido</numerusform>
        <numerusform>Mais de %n pedidos</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="202" />
      <source>Could not read the queue just now (the database may be busy or closing). Try again with Refresh (F5).</source>
      <translation>Não foi possível ler a fila agora (o banco de dados pode estar ocupado ou fechando). Tente de novo com Atualizar (F5).</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="231" />
      <source>No product in %1; %n in other states.</source>
      <translation>
        <numerusform>Nenhum produto em %1; %n em outras situações.</numerusform>
        <numerusform>Nenhum produto em %1; %n em outras situações.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="233" />
      <source>No order in %1; %n in other states.</source>
      <translation>
        <numerusform>Nenhum pedido em %1; %n em outras situações.</numerusform>
        <numerusform>Nenhum pedido em %1; %n em outras situações.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="235" />
      <source>Show</source>
      <translation>Mostrar</translation>
    </message>
  </context>
  <context>
    <name>QueueMessageBar</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/message_bar.py" line="38" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/message_bar.py" line="44" />
      <source>Close</source>
      <translation>Fechar</translation>
    </message>
  </context>
  <context>
    <name>QueuePage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="249" />
      <source>Search by SKU or product name</source>
      <translation>Buscar por SKU ou nome do produto</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="250" />
      <source>Search by order number, Plug.to ID, Linx order or buyer</source>
      <translation>Buscar por nº do pedido, ID do Plug.to, pedido Linx ou comprador</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="252" />
      <source>Resend</source>
      <translation>Reenviar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="253" />
      <source>Send the current order to the queue again (Ctrl+R)</source>
      <translation>Coloca o pedido atual na fila de novo (Ctrl+R)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="254" />
      <source>Resend selected</source>
      <translation>Reenviar selecionados</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="255" />
      <source>Send every selected order to the queue again (Ctrl+Shift+R)</source>
      <translation>Coloca todos os pedidos selecionados na fila de novo (Ctrl+Shift+R)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="256" />
      <source>Ignore…</source>
      <translation>Ignorar…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="257" />
      <source>Stop processing the selected orders, with a reason (reversible)</source>
      <translation>Deixa de processar os pedidos selecionados, informando o motivo (reversível)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="258" />
      <source>Undo ignore</source>
      <translation>Desfazer ignorar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="259" />
      <source>Bring the selected ignored orders back</source>
      <translation>Traz de volta os pedidos ignorados selecionados</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="260" />
      <source>Copy details</source>
      <translation>Copiar detalhes</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="261" />
      <source>Copy the summary, reason and timeline of the current order (Ctrl+Shift+C)</source>
      <translation>Copia o resumo, o motivo e a linha do tempo do pedido atual (Ctrl+Shift+C)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="262" />
      <source>Export CSV…</source>
      <translation>Exportar CSV…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="263" />
      <source>Save the rows of this view (filters and search applied) as CSV (Ctrl+E)</source>
      <translation>Salva as linhas desta visão (com filtros e busca) em CSV (Ctrl+E)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="265" />
      <source>Fetch one order from Plug.to now, by its ID (Ctrl+I)</source>
      <translation>Busca agora um pedido no Plug.to pelo ID (Ctrl+I)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="266" />
      <source>Refresh</source>
      <translation>Atualizar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="267" />
      <source>Search</source>
      <translation>Buscar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="268" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="269" />
      <source>Close</source>
      <translation>Fechar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="242" />
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="243" />
      <source>State</source>
      <translation>Situação</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="244" />
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="245" />
      <source>Marketplace</source>
      <translation>Marketplace</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="246" />
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="247" />
      <source>Period (last update)</source>
      <translation>Período (última atualização)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="264" />
      <source>Import order…</source>
      <translation>Importar pedido…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="273" />
      <source>All marketplaces</source>
      <translation>Todos os marketplaces</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="328" />
      <location filename="../../pluggto_desktop/ui/queue/page.py" line="331" />
      <source>Showing the first %n rows: use the filters or the search to narrow the list.</source>
      <translation>
        <numerusform>Mostrando a primeira %n linha: use os filtros ou a busca para refinar a lista.</numerusform>
        <numerusform>Mostrando as primeiras %n linhas: use os filtros ou a busca para refinar a lista.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="107" />
      <source>products</source>
      <translation>produtos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="107" />
      <source>orders</source>
      <translation>pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="109" />
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="115" />
      <source>Export CSV</source>
      <translation>Exportar CSV</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="111" />
      <source>CSV files (*.csv)</source>
      <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="123" />
      <source>An export is already running.</source>
      <translation>Já há uma exportação em andamento.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="131" />
      <source>Exporting to %1…</source>
      <translation>Exportando para %1…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="143" />
      <source>Export canceled.</source>
      <translation>Exportação cancelada.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="149" />
      <source>Could not export: %1</source>
      <translation>Não foi possível exportar: %1</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="163" />
      <source>%n product(s) exported to %1.</source>
      <translation>
        <numerusform>%n produto exportado para %1.</numerusform>
        <numerusform>%n produtos exportados para %1.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/export.py" line="164" />
      <source>%n order(s) exported to %1.</source>
      <translation>
        <numerusform>%n pedido exportado para %1.</numerusform>
        <numerusform>%n pedidos exportados para %1.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="41" />
      <source>Copy Plug.to ID</source>
      <translation>Copiar ID do Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="41" />
      <source>Copy SKU</source>
      <translation>Copiar SKU</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="65" />
      <source>Ignore</source>
      <translation>Ignorar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="76" />
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="144" />
      <source>Import order by Plug.to ID</source>
      <translation>Importar pedido pelo ID do Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="100" />
      <source>Undo</source>
      <translation>Desfazer</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="140" />
      <source>Show it</source>
      <translation>Mostrar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="142" />
      <source>Import order %1</source>
      <translation>Importar o pedido %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="155" />
      <source>Order %1 imported: it is in the store.</source>
      <translation>Pedido %1 importado: já está na loja.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="156" />
      <source>Order %1 was read but needs attention: see the reason below.</source>
      <translation>O pedido %1 foi lido, mas precisa de atenção: veja o motivo abaixo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="157" />
      <source>Order %1 imported: waiting for the buyer's payment.</source>
      <translation>Pedido %1 importado: aguardando o pagamento do comprador.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="158" />
      <source>Order %1 imported: it was canceled on the marketplace.</source>
      <translation>Pedido %1 importado: foi cancelado no marketplace.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="159" />
      <source>Order %1: Plug.to or the store did not answer; it is retried automatically.</source>
      <translation>Pedido %1: o Plug.to ou a loja não respondeu; nova tentativa automática.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="168" />
      <source>%n product(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n produto colocado na fila de novo.</numerusform>
        <numerusform>%n produtos colocados na fila de novo.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="169" />
      <source>%n product(s) ignored.</source>
      <translation>
        <numerusform>%n produto ignorado.</numerusform>
        <numerusform>%n produtos ignorados.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="170" />
      <source>%n product(s) back in the queue.</source>
      <translation>
        <numerusform>%n produto de volta à fila.</numerusform>
        <numerusform>%n produtos de volta à fila.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="174" />
      <source>%n order(s) sent to the queue again.</source>
      <translation>
        <numerusform>%n pedido colocado na fila de novo.</numerusform>
        <numerusform>%n pedidos colocados na fila de novo.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="175" />
      <source>%n order(s) ignored.</source>
      <translation>
        <numerusform>%n pedido ignorado.</numerusform>
        <numerusform>%n pedidos ignorados.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="176" />
      <source>%n order(s) back in the queue.</source>
      <translation>
        <numerusform>%n pedido de volta à fila.</numerusform>
        <numerusform>%n pedidos de volta à fila.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/actions.py" line="195" />
      <source>Details copied to the clipboard.</source>
      <translation>Detalhes copiados para a área de transferência.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/header.py" line="95" />
      <source>Default columns</source>
      <extracomment>the columns shown until the person chooses others (right-click on the titles): what an owner needs to find an order and see why it is stuck typical content a column is sized for, where the model's sample is longer than what most rows hold (the state is sized for "Precisa de atenção"; "Nova tentativa às 23:59" is elided, with the full text in the tooltip)</extracomment>
      <translation>Colunas padrão</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="37" />
      <source>All states</source>
      <extracomment>the state combo's item data for the deadline choices ("deadline:near"…)</extracomment>
      <translation>Todas as situações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="79" />
      <source>Any date</source>
      <translation>Qualquer data</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="79" />
      <source>Today</source>
      <translation>Hoje</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="80" />
      <source>Last 7 days</source>
      <translation>Últimos 7 dias</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="80" />
      <source>Last 30 days</source>
      <translation>Últimos 30 dias</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n produto</numerusform>
        <numerusform>%n produtos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="195" />
      <source>More than %n product(s)</source>
      <translation>
        <numerusform>Mais de %n produto</numerusform>
        <numerusform>Mais de %n produtos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n pedido</numerusform>
        <numerusform>%n pedidos</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="197" />
      <source>More than %n order(s)</source>
      <translation>
        <numerusform>Mais de %n pedido</numerusform>
        <numerusform>Mais de %n pedidos</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="202" />
      <source>Could not read the queue just now (the database may be busy or closing). Try again with Refresh (F5).</source>
      <translation>Não foi possível ler a fila agora (o banco de dados pode estar ocupado ou fechando). Tente de novo com Atualizar (F5).</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="231" />
      <source>No product in %1; %n in other states.</source>
      <translation>
        <numerusform>Nenhum produto em %1; %n em outras situações.</numerusform>
        <numerusform>Nenhum produto em %1; %n em outras situações.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="233" />
      <source>No order in %1; %n in other states.</source>
      <translation>
        <numerusform>Nenhum pedido em %1; %n em outras situações.</numerusform>
        <numerusform>Nenhum pedido em %1; %n em outras situações.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/queue/filters.py" line="235" />
      <source>Show</source>
      <translation>Mostrar</translation>
    </message>
  </context>
  <context>
    <name>RowTable</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="83" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="84" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="121" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="122" />
      <source>Remove this row</source>
      <extracomment>rows shown before the table scrolls (the page scrolls, not the table, up to this)</extracomment>
      <translation>Remover esta linha</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="145" />
      <source>Plug.to</source>
      <translation>Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="145" />
      <source>Linx</source>
      <translation>Linx</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="145" />
      <source>Channel</source>
      <translation>Canal</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="145" />
      <source>Sync</source>
      <translation>Sincronização</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="145" />
      <source>App</source>
      <translation>Aplicativo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="148" />
      <source>Settings</source>
      <translation>Configurações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="151" />
      <source>Activate</source>
      <translation>Ativar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="152" />
      <source>Pause</source>
      <translation>Pausar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="153" />
      <source>Resume</source>
      <translation>Retomar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="154" />
      <source>Discard changes</source>
      <translation>Descartar alterações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="226" />
      <source>Not configured yet: fill in the Plug.to, Linx and Channel tabs and save.</source>
      <translation>Ainda não configurado: preencha as abas Plug.to, Linx e Canal e salve.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="228" />
      <source>Saved but not active: no order is imported until you activate the channel.</source>
      <translation>Salvo, mas não ativo: nenhum pedido é importado até você ativar o canal.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="237" />
      <source>Paused until %1: nothing is imported meanwhile.</source>
      <translation>Pausado até %1: nada é importado enquanto isso.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="239" />
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="379" />
      <source>Paused: nothing is imported until you resume.</source>
      <translation>Pausado: nada é importado até você retomar.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="230" />
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="371" />
      <source>Active, but the sync could not start: %1</source>
      <translation>Ativo, mas a sincronização não pôde começar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="240" />
      <source>Active: orders from Plug.to are brought into the store.</source>
      <translation>Ativo: os pedidos do Plug.to são trazidos para a loja.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="247" />
      <source>Channel: %1</source>
      <translation>Canal: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="253" />
      <source>Save or discard your changes first.</source>
      <translation>Salve ou descarte suas alterações antes.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="258" />
      <source>Saving…</source>
      <translation>Salvando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="258" />
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="404" />
      <source>Save</source>
      <translation>Salvar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="299" />
      <source>Not saved: correct the fields marked in red.</source>
      <translation>Não salvo: corrija os campos marcados em vermelho.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="310" />
      <source>save the settings</source>
      <translation>salvar as configurações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="323" />
      <source>Could not save: %1</source>
      <translation>Não foi possível salvar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="342" />
      <source>Saved. The sync restarted with the new settings.</source>
      <translation>Salvo. A sincronização recomeçou com as novas configurações.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="339" />
      <source>Saved, but the sync could not start: %1</source>
      <translation>Salvo, mas a sincronização não pôde começar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="345" />
      <source>Saved. Still missing before the channel can be activated: %1</source>
      <translation>Salvo. Ainda falta, antes de ativar o canal: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="347" />
      <source>Saved. The channel is not active: activate it to import orders.</source>
      <translation>Salvo. O canal não está ativo: ative-o para importar pedidos.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="354" />
      <source>activate the channel</source>
      <translation>ativar o canal</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="362" />
      <source>Could not activate: %1</source>
      <translation>Não foi possível ativar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="369" />
      <source>Active: orders start arriving in the store.</source>
      <translation>Ativo: os pedidos começam a chegar na loja.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="376" />
      <source>The sync is not running, so there is nothing to pause.</source>
      <translation>A sincronização não está rodando, então não há o que pausar.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="384" />
      <source>Resumed.</source>
      <translation>Retomado.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="399" />
      <source>Unsaved changes</source>
      <translation>Alterações não salvas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="400" />
      <source>The settings have changes that were not saved.</source>
      <translation>As configurações têm alterações que não foram salvas.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="401" />
      <source>Save them before leaving?</source>
      <translation>Salvar antes de sair?</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="405" />
      <source>Discard</source>
      <translation>Descartar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/settings_page.py" line="406" />
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
  </context>
  <context>
    <name>SetupForm</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/base.py" line="182" />
      <source>not set</source>
      <extracomment>settings sections (or paths) this form edits; validation lines under them belong here</extracomment>
      <translation>não informado</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="194" />
      <source>Plug.to account</source>
      <translation>Conta Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="194" />
      <source>Linx Commerce store</source>
      <translation>Loja Linx Commerce</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="194" />
      <source>Sales channel</source>
      <translation>Canal de vendas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="195" />
      <source>Summary</source>
      <translation>Resumo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="198" />
      <source>Set up Pluggto Desktop</source>
      <translation>Configurar o Pluggto Desktop</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="199" />
      <source>Continue later</source>
      <translation>Continuar depois</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="200" />
      <source>Saves what is filled in so far; you can come back at any time.</source>
      <translation>Salva o que já foi preenchido; você pode voltar quando quiser.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="201" />
      <source>Back</source>
      <translation>Voltar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="202" />
      <source>Next</source>
      <translation>Avançar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="203" />
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="352" />
      <source>Save without activating</source>
      <translation>Salvar sem ativar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="204" />
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="350" />
      <source>Save and activate</source>
      <translation>Salvar e ativar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="268" />
      <source>To go on: %1</source>
      <translation>Para continuar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="291" />
      <source>not tested</source>
      <translation>não testada</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="311" />
      <source>Add the Plug.to account whose orders come to this store: four credentials. "Test connection" checks them with Plug.to and says which one is wrong.</source>
      <translation>Adicione a conta Plug.to cujos pedidos vêm para esta loja: quatro credenciais. "Testar conexão" confere com o Plug.to e diz qual delas está errada.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="314" />
      <source>Connect the Linx Commerce store that receives the orders, with its integration user.</source>
      <translation>Conecte a loja Linx Commerce que recebe os pedidos, com o usuário de integração dela.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="316" />
      <source>Configure the Plug.to sales channel of the store: which orders to import, the intermediary CNPJ for the NF-e, and which products go to Plug.to.</source>
      <translation>Configure o canal de vendas Plug.to da loja: quais pedidos importar, o CNPJ do intermediador para a NF-e e quais produtos vão para o Plug.to.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="318" />
      <source>Check the values, then save. Nothing is imported until the channel is active.</source>
      <translation>Confira os valores e salve. Nada é importado enquanto o canal não estiver ativo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="340" />
      <source>Before you save:</source>
      <translation>Antes de salvar:</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="350" />
      <source>Active</source>
      <translation>Ativo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="351" />
      <source>orders start arriving in the store now.</source>
      <translation>os pedidos começam a chegar na loja agora.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="352" />
      <source>Configured</source>
      <translation>Configurado</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="353" />
      <source>saved, but nothing is imported until you activate the channel.</source>
      <translation>salvo, mas nada é importado até você ativar o canal.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="355" />
      <source>With “%1”: %2 — %3</source>
      <translation>Com “%1”: %2 — %3</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="360" />
      <source>Channel state</source>
      <translation>Estado do canal</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="382" />
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="428" />
      <source>save the setup</source>
      <translation>salvar a configuração</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="395" />
      <source>Saved what was filled in. Left out because not valid yet: %1.</source>
      <translation>O que foi preenchido está salvo. Ficou de fora por ainda não ser válido: %1.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="398" />
      <source>Saved. You can continue the setup at any time.</source>
      <translation>Salvo. Você pode continuar a configuração quando quiser.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="427" />
      <source>Saving…</source>
      <translation>Salvando…</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="428" />
      <source>activate the channel</source>
      <translation>ativar o canal</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="443" />
      <source>Saved, but the sync could not start: %1</source>
      <translation>Salvo, mas a sincronização não pôde começar: %1</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="446" />
      <source>Saved and active: orders start arriving in the store.</source>
      <translation>Salvo e ativo: os pedidos começam a chegar na loja.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="447" />
      <source>Saved. Activate the channel when you are ready.</source>
      <translation>Salvo. Ative o canal quando estiver pronto.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="456" />
      <source>%1: the last connection test failed.</source>
      <translation>%1: o último teste de conexão falhou.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="457" />
      <source>%1: the connection was not tested with these values.</source>
      <translation>%1: a conexão não foi testada com estes valores.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="461" />
      <source>Activate the channel?</source>
      <translation>Ativar o canal?</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="462" />
      <source>Orders would start arriving with connections that are not known to work.</source>
      <translation>Os pedidos começariam a chegar por conexões que não se sabe se funcionam.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="464" />
      <source>Test the connection first, or activate anyway (orders that cannot reach the store wait in the queue as "needs attention").</source>
      <translation>Teste a conexão antes, ou ative assim mesmo (os pedidos que não chegarem à loja ficam na fila como "precisa de atenção").</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="466" />
      <source>Go back and fix</source>
      <translation>Voltar e corrigir</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="467" />
      <source>Activate anyway</source>
      <translation>Ativar assim mesmo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/setup_wizard.py" line="490" />
      <source>Could not save: %1</source>
      <translation>Não foi possível salvar: %1</translation>
    </message>
  </context>
  <context>
    <name>StartupProblem</name>
    <message>
      <location filename="../../pluggto_desktop/ui/app.py" line="133" />
      <source>Fix the file in the profile folder and click Try again, or put back the last good settings (the damaged file is kept next to it).</source>
      <translation>Corrija o arquivo na pasta do perfil e clique em Tentar de novo, ou restaure as últimas configurações boas (o arquivo danificado fica guardado ao lado).</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/app.py" line="137" />
      <source>Fix the file in the profile folder (or delete it to set the app up again) and click Try again.</source>
      <translation>Corrija o arquivo na pasta do perfil (ou apague-o para configurar o aplicativo de novo) e clique em Tentar de novo.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/app.py" line="140" />
      <source>The settings could not be read</source>
      <translation>Não foi possível ler as configurações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/app.py" line="163" />
      <source>The order queue cannot be opened</source>
      <translation>Não foi possível abrir a fila de pedidos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/startup_problem.py" line="37" />
      <source>Open the folder</source>
      <translation>Abrir a pasta</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/startup_problem.py" line="39" />
      <source>Restore the last good settings</source>
      <translation>Restaurar as últimas configurações boas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/startup_problem.py" line="41" />
      <source>Try again</source>
      <translation>Tentar de novo</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/startup_problem.py" line="42" />
      <source>Quit</source>
      <translation>Sair</translation>
    </message>
  </context>
  <context>
    <name>SupportPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/support/page.py" line="55" />
      <source>Support</source>
      <translation>Suporte</translation>
    </message>
  </context>
  <context>
    <name>TechLogPage</name>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="189" />
      <source>Level:</source>
      <translation>Nível:</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="190" />
      <source>Search the log</source>
      <translation>Buscar no log</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="191" />
      <source>Follow</source>
      <translation>Acompanhar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="192" />
      <source>Copy</source>
      <translation>Copiar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/log_pages.py" line="193" />
      <source>Open log folder</source>
      <translation>Abrir pasta de logs</translation>
    </message>
  </context>
  <context>
    <name>Tray</name>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="80" />
      <source>Open</source>
      <extracomment>While offline the tooltip counts down and the "no connection" notice waits OFFLINE_NOTICE_S: the tray looks again this often. Otherwise it only reacts to the engine's events.</extracomment>
      <translation>Abrir</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="81" />
      <source>Sync now</source>
      <translation>Sincronizar agora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="82" />
      <source>Pause</source>
      <translation>Pausar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="83" />
      <source>For 30 minutes</source>
      <translation>Por 30 minutos</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="84" />
      <location filename="../../pluggto_desktop/ui/tray.py" line="88" />
      <source>For 1 hour</source>
      <translation>Por 1 hora</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="85" />
      <source>Until resumed</source>
      <translation>Até retomar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="86" />
      <source>Resume</source>
      <translation>Retomar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="87" />
      <source>Silence notifications</source>
      <translation>Silenciar notificações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="89" />
      <source>For 8 hours</source>
      <translation>Por 8 horas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="90" />
      <source>Until turned back on</source>
      <translation>Até reativar</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="91" />
      <source>Turn notifications back on</source>
      <translation>Reativar notificações</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="93" />
      <source>Quit</source>
      <translation>Sair</translation>
    </message>
    <message numerus="yes">
      <location filename="../../pluggto_desktop/ui/tray.py" line="172" />
      <source>%n order(s) need attention</source>
      <translation>
        <numerusform>%n pedido precisa de atenção</numerusform>
        <numerusform>%n pedidos precisam de atenção</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="173" />
      <source>Click to see why and what to do.</source>
      <translation>Clique para ver o motivo e o que fazer.</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="177" />
      <source>Marketplace deadlines</source>
      <translation>Prazos dos marketplaces</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="186" />
      <source>Sync stopped: invalid credentials</source>
      <translation>Sincronização parada: credenciais inválidas</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="191" />
      <source>No connection to Plug.to</source>
      <translation>Sem conexão com o Plug.to</translation>
    </message>
    <message>
      <location filename="../../pluggto_desktop/ui/tray.py" line="192" />
      <source>Orders are not lost: they come in as soon as the connection is back.</source>
      <translation>Nenhum pedido se perde: eles entram assim que a conexão voltar.</translation>
    </message>
  </context>
  <context>
    <name>DeadlineTable</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="83" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="84" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="121" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="122" />
      <source>Remove this row</source>
      <extracomment>rows shown before the table scrolls (the page scrolls, not the table, up to this)</extracomment>
      <translation>Remover esta linha</translation>
    </message>
  </context>
  <context>
    <name>PairTable</name>
    <message>
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="83" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="84" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="121" />
      <location filename="../../pluggto_desktop/ui/forms/row_table.py" line="122" />
      <source>Remove this row</source>
      <extracomment>rows shown before the table scrolls (the page scrolls, not the table, up to this)</extracomment>
      <translation>Remover esta linha</translation>
    </message>
  </context>
</TS>