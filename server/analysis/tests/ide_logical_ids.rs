//! Logical ids in the editor: inlay hints, completion of ids, go to definition and SLS220, on
//! small fixtures with a `$0` cursor; also no false SLS220 on any oracle or corpus case.

mod support;

use insta::assert_snapshot;
use sls_analysis::{apply_edits, Analysis, NoFiles};
use sls_diagnostics::Code;

use sls_test_support::cursor;

/// The text with each hint written inline as `[label]`.
fn hints(text: &str) -> String {
    let analysis = Analysis::new(text, &NoFiles);
    let mut out = String::new();
    let mut pos = 0;
    for hint in analysis.inlay_hints() {
        let at = usize::from(hint.offset);
        out.push_str(&text[pos..at]);
        out.push_str(&format!("[{}]", hint.label));
        assert!(hint
            .tooltip
            .is_some_and(|t| t.contains("resources.Resources")));
        pos = at;
    }
    out.push_str(&text[pos..]);
    out
}

/// `label (detail) "replaced" -> "inserted"`, one item a line.
fn complete(fixture: &str) -> String {
    let (text, offset) = cursor(fixture);
    let items = Analysis::new(&text, &NoFiles).completions(offset);
    items
        .iter()
        .map(|item| {
            assert!(item.documentation.is_some(), "{} has no docs", item.label);
            assert_eq!(item.edit.range.end(), offset);
            format!(
                "{} ({}) {:?} -> {:?}",
                item.label,
                item.detail.as_deref().unwrap_or_default(),
                &text[item.edit.range],
                item.edit.new_text
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The documentation of the item labelled `label`.
fn documentation(fixture: &str, label: &str) -> String {
    let (text, offset) = cursor(fixture);
    let items = Analysis::new(&text, &NoFiles).completions(offset);
    let item = items.iter().find(|i| i.label == label).expect("offered");
    item.documentation.clone().unwrap_or_default()
}

/// Each target as `name: line N "focus text"`.
fn definition(fixture: &str) -> String {
    let (text, offset) = cursor(fixture);
    let analysis = Analysis::new(&text, &NoFiles);
    analysis
        .goto_definition(offset)
        .iter()
        .map(|t| {
            assert!(t.full_range.contains_range(t.focus_range));
            let line = analysis.line_index().line_col(t.focus_range.start()).line + 1;
            format!("{}: line {line} {:?}", t.name, &text[t.focus_range])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The SLS220 diagnostics as `"range text": message`, and each fix's result line.
fn unknown_ids(text: &str) -> String {
    let analysis = Analysis::new(text, &NoFiles);
    analysis
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::UnknownLogicalId)
        .map(|d| {
            let mut line = format!("{:?}: {}", &text[d.range], d.message);
            if let Some(fix) = &d.fix {
                let fixed = apply_edits(text, &fix.edits);
                let start = usize::from(d.range.start());
                let line_start = fixed[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = fixed[start..].find('\n').map_or(fixed.len(), |i| start + i);
                line.push_str(&format!(
                    "\n  fix {:?}: {}",
                    fix.title,
                    &fixed[line_start..line_end]
                ));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const CHAT: &str = "service: chat
provider:
  name: aws
functions:
  auth:
    handler: auth.handler
  on-connect:
    handler: h.connect
    events:
      - websocket:
          route: $connect
          authorizer: auth
  send:
    handler: h.send
    events:
      - websocket: sendMessage
      - websocket:
          route: echo
          routeResponseSelectionExpression: $default
";

#[test]
fn hints_after_function_keys_and_routes() {
    assert_snapshot!(hints(CHAT), @r#"
        service: chat
        provider:
          name: aws
        functions:
          auth:[→ AuthLambdaFunction]
            handler: auth.handler
          on-connect:[→ OnDashconnectLambdaFunction][→ OnDashconnectWebsocketsIntegration]
            handler: h.connect
            events:
              - websocket:
                  route: $connect[→ SconnectWebsocketsRoute][→ AuthWebsocketsAuthorizer]
                  authorizer: auth
          send:[→ SendLambdaFunction][→ SendWebsocketsIntegration]
            handler: h.send
            events:
              - websocket: sendMessage[→ sendMessageWebsocketsRoute]
              - websocket:
                  route: echo[→ echoWebsocketsRoute][→ echoWebsocketsRouteResponse]
                  routeResponseSelectionExpression: $default
    "#);
}

#[test]
fn hints_for_http_only_and_empty_routes() {
    let text = "provider:\n  name: aws\nfunctions:\n  hello:\n    handler: h.hello\n    events:\n      - http: GET hello\n      - websocket:\n";
    assert_snapshot!(hints(text), @r#"
        provider:
          name: aws
        functions:
          hello:[→ HelloLambdaFunction]
            handler: h.hello
            events:
              - http: GET hello
              - websocket:
    "#);
}

#[test]
fn hints_are_cheap_on_5000_functions() {
    let path = support::fixtures().join("bench/n5000/serverless.yml");
    let text = std::fs::read_to_string(path).expect("bench file");
    let analysis = Analysis::new(&text, &NoFiles);
    let start = std::time::Instant::now();
    let hints = analysis.inlay_hints();
    let elapsed = start.elapsed();
    assert!(hints.len() > 10_000, "{} hints", hints.len());
    assert!(elapsed.as_millis() < 500, "hints took {elapsed:?}");
}

fn with_resources(resources: &str) -> String {
    format!("{CHAT}resources:\n{resources}")
}

#[test]
fn completes_generated_ids_as_resource_keys() {
    let fixture = with_resources("  Resources:\n    Sconn$0\n");
    assert_snapshot!(complete(&fixture), @r#"
        SconnectWebsocketsRoute (AWS::ApiGatewayV2::Route) "Sconn" -> "SconnectWebsocketsRoute:\n  $0"
        OnDashconnectLogGroup (AWS::Logs::LogGroup) "Sconn" -> "OnDashconnectLogGroup:\n  $0"
        OnDashconnectLambdaFunction (AWS::Lambda::Function) "Sconn" -> "OnDashconnectLambdaFunction:\n  $0"
        OnDashconnectWebsocketsIntegration (AWS::ApiGatewayV2::Integration) "Sconn" -> "OnDashconnectWebsocketsIntegration:\n  $0"
        OnDashconnectLambdaPermissionWebsockets (AWS::Lambda::Permission) "Sconn" -> "OnDashconnectLambdaPermissionWebsockets:\n  $0"
    "#);
    let fixture = with_resources(
        "  Resources:\n    SconnectWebsocketsRoute:\n      Properties: {}\n    Sconnect$0\n",
    );
    assert_snapshot!(complete(&fixture), @r#"
        OnDashconnectLogGroup (AWS::Logs::LogGroup) "Sconnect" -> "OnDashconnectLogGroup:\n  $0"
        OnDashconnectLambdaFunction (AWS::Lambda::Function) "Sconnect" -> "OnDashconnectLambdaFunction:\n  $0"
        OnDashconnectWebsocketsIntegration (AWS::ApiGatewayV2::Integration) "Sconnect" -> "OnDashconnectWebsocketsIntegration:\n  $0"
        OnDashconnectLambdaPermissionWebsockets (AWS::Lambda::Permission) "Sconnect" -> "OnDashconnectLambdaPermissionWebsockets:\n  $0"
    "#);
    let fixture = with_resources("  Resources:\n    AuthLambda$0: x\n");
    assert_snapshot!(complete(&fixture), @r#"
        AuthLambdaFunction (AWS::Lambda::Function) "AuthLambda" -> "AuthLambdaFunction"
        AuthLambdaPermissionWebsockets (AWS::Lambda::Permission) "AuthLambda" -> "AuthLambdaPermissionWebsockets"
    "#);
}

#[test]
fn resource_key_documentation_names_the_source() {
    let fixture = with_resources("  Resources:\n    echoWebsocketsRouteR$0\n");
    assert_snapshot!(documentation(&fixture, "echoWebsocketsRouteResponse"), @r#"
        `echoWebsocketsRouteResponse` — `AWS::ApiGatewayV2::RouteResponse`

        Generated for the websocket route `echo` of function `send`.

        Override it under `resources.Resources.echoWebsocketsRouteResponse` (properties are deep-merged into the generated resource); reference it with `!Ref echoWebsocketsRouteResponse` or `!GetAtt echoWebsocketsRouteResponse.<Attribute>`.
    "#);
}

const USER: &str = "  Parameters:
    TableName:
      Type: String
  Resources:
    Table:
      Type: AWS::DynamoDB::Table
";

#[test]
fn completes_ref_values_long_and_short() {
    let fixture = with_resources(&format!(
        "{USER}    Queue:\n      Properties:\n        A:\n          Ref: Tab$0\n"
    ));
    assert_snapshot!(complete(&fixture), @r#"
        Table (AWS::DynamoDB::Table) "Tab" -> "Table"
        TableName (parameter (String)) "Tab" -> "TableName"
        AuthLambdaFunction (AWS::Lambda::Function) "Tab" -> "AuthLambdaFunction"
        OnDashconnectLambdaFunction (AWS::Lambda::Function) "Tab" -> "OnDashconnectLambdaFunction"
        OnDashconnectLambdaPermissionWebsockets (AWS::Lambda::Permission) "Tab" -> "OnDashconnectLambdaPermissionWebsockets"
        AuthLambdaPermissionWebsockets (AWS::Lambda::Permission) "Tab" -> "AuthLambdaPermissionWebsockets"
    "#);
    let fixture = with_resources(&format!(
        "{USER}    Queue:\n      Properties:\n        A: !Ref Region$0\n"
    ));
    assert_snapshot!(complete(&fixture), @r#"
        AWS::Region (pseudo parameter) "Region" -> "AWS::Region"
    "#);
    let fixture = with_resources(&format!(
        "{USER}    Queue:\n      Properties:\n        A: {{ Ref: sendMess$0 }}\n"
    ));
    assert_snapshot!(complete(&fixture), @r#"
        sendMessageWebsocketsRoute (AWS::ApiGatewayV2::Route) "sendMess" -> "sendMessageWebsocketsRoute"
        SendLambdaPermissionWebsockets (AWS::Lambda::Permission) "sendMess" -> "SendLambdaPermissionWebsockets"
    "#);
}

#[test]
fn completes_get_att_and_depends_on() {
    let fixture = with_resources(&format!(
        "{USER}    Queue:\n      Properties:\n        A: !GetAtt Tabl$0\n"
    ));
    assert_snapshot!(complete(&fixture), @r#"
        Table (AWS::DynamoDB::Table) "Tabl" -> "Table"
    "#);
    let fixture = with_resources(&format!(
        "{USER}    Queue:\n      Properties:\n        A: !GetAtt Table.Ar$0\n"
    ));
    assert_snapshot!(complete(&fixture), @"");
    let fixture = with_resources(&format!("{USER}    Queue:\n      Properties:\n        A:\n          Fn::GetAtt: [OnDashconnectLambda$0\n"));
    assert_snapshot!(complete(&fixture), @r#"
        OnDashconnectLambdaFunction (AWS::Lambda::Function) "OnDashconnectLambda" -> "OnDashconnectLambdaFunction"
        OnDashconnectLambdaPermissionWebsockets (AWS::Lambda::Permission) "OnDashconnectLambda" -> "OnDashconnectLambdaPermissionWebsockets"
    "#);
    let fixture = with_resources(&format!("{USER}    Queue:\n      Properties:\n        A:\n          Fn::GetAtt:\n            - OnDashconnectLambdaF$0\n"));
    assert_snapshot!(complete(&fixture), @r#"
        OnDashconnectLambdaFunction (AWS::Lambda::Function) "OnDashconnectLambdaF" -> "OnDashconnectLambdaFunction"
    "#);
    let fixture = with_resources(&format!("{USER}    Queue:\n      DependsOn: Tab$0\n"));
    assert_snapshot!(complete(&fixture), @r#"
        Table (AWS::DynamoDB::Table) "Tab" -> "Table"
        AuthLambdaFunction (AWS::Lambda::Function) "Tab" -> "AuthLambdaFunction"
        OnDashconnectLambdaFunction (AWS::Lambda::Function) "Tab" -> "OnDashconnectLambdaFunction"
        OnDashconnectLambdaPermissionWebsockets (AWS::Lambda::Permission) "Tab" -> "OnDashconnectLambdaPermissionWebsockets"
        AuthLambdaPermissionWebsockets (AWS::Lambda::Permission) "Tab" -> "AuthLambdaPermissionWebsockets"
    "#);
    let fixture = with_resources(&format!(
        "{USER}    Queue:\n      DependsOn:\n        - Table\n        - IamRole$0\n"
    ));
    assert_snapshot!(complete(&fixture), @r#"
        IamRoleLambdaExecution (AWS::IAM::Role) "IamRole" -> "IamRoleLambdaExecution"
    "#);
}

#[test]
fn completes_ref_outside_resources() {
    let fixture = CHAT.replace(
        "provider:\n  name: aws\n",
        "provider:\n  name: aws\n  environment:\n    ROLE:\n      Ref: IamRole$0\n",
    );
    assert_snapshot!(complete(&fixture), @r#"
        IamRoleLambdaExecution (AWS::IAM::Role) "IamRole" -> "IamRoleLambdaExecution"
    "#);
}

#[test]
fn definition_from_references() {
    let refs = format!(
        "{USER}    Queue:\n      DependsOn: [SconnectWebsocketsRoute, Table]\n      Properties:\n        A: !Ref OnDashconnectLambdaFunction\n        B: !GetAtt Table.Arn\n        C: {{ Fn::Sub: '${{echoWebsocketsRouteResponse}}-${{AWS::Region}}' }}\n        D: {{ Ref: TableName }}\n        E: {{ Fn::GetAtt: [SendWebsocketsIntegration, Arn] }}\n"
    );
    let at = |needle: &str| {
        let text = with_resources(&refs);
        let i = text.find(needle).expect("needle") + 3;
        format!("{}$0{}", &text[..i], &text[i..])
    };
    assert_snapshot!(definition(&at("SconnectWebsocketsRoute")), @r#"
        SconnectWebsocketsRoute: line 11 "$connect"
    "#);
    assert_snapshot!(definition(&at("OnDashconnectLambdaFunction")), @r#"
        OnDashconnectLambdaFunction: line 7 "on-connect"
    "#);
    assert_snapshot!(definition(&at("Table.Arn")), @r#"
        Table: line 25 "Table"
    "#);
    assert_snapshot!(definition(&at("echoWebsocketsRouteResponse")), @r#"
        echoWebsocketsRouteResponse: line 18 "echo"
    "#);
    assert_snapshot!(definition(&at("TableName }")), @r#"
        TableName: line 22 "TableName"
    "#);
    assert_snapshot!(definition(&at("SendWebsocketsIntegration")), @r#"
        SendWebsocketsIntegration: line 13 "send"
    "#);
    assert_snapshot!(definition(&at("AWS::Region")), @"");
}

#[test]
fn definition_from_resource_keys_and_authorizers() {
    let fixture = with_resources("  Resources:\n    Sconnect$0WebsocketsRoute:\n      Properties: {}\n    Other:\n      DependsOn: SconnectWebsocketsRoute\n");
    assert_snapshot!(definition(&fixture), @r#"
        SconnectWebsocketsRoute: line 11 "$connect"
    "#);
    let fixture = with_resources("  Resources:\n    Other:\n      DependsOn: SconnectWebsocket$0sRoute\n    SconnectWebsocketsRoute:\n      Properties: {}\n");
    assert_snapshot!(definition(&fixture), @r#"
        SconnectWebsocketsRoute: line 11 "$connect"
        SconnectWebsocketsRoute: line 24 "SconnectWebsocketsRoute"
    "#);
    let fixture = CHAT.replace("authorizer: auth", "authorizer: au$0th");
    assert_snapshot!(definition(&fixture), @r#"
        auth: line 5 "auth"
    "#);
    let fixture = CHAT.replace("authorizer: auth", "authorizer:\n            name: a$0uth");
    assert_snapshot!(definition(&fixture), @r#"
        auth: line 5 "auth"
    "#);
    let fixture = CHAT.replace("handler: h.send", "handler: h.s$0end");
    assert_snapshot!(definition(&fixture), @"");
}

const REFS: &str = "  Resources:
    Queue:
      Type: AWS::SQS::Queue
      DependsOn: [SconnectWebsocketRoute, Queue]
      Properties:
        QueueName: !Ref TableNam
        Tags:
          - Key: a
            Value: !GetAtt OnDashconnectLambdaFuncton.Arn
          - Key: b
            Value: !Sub '${Queue.Arn}-${AWS::Regoin}-${!Literal}-${Nothing}'
  Parameters:
    TableName:
      Type: String
  Outputs:
    Api:
      Value: { Ref: WebsocketsApi }
    Stage:
      Value: { Ref: WebsocketsDeploymentStage }
    Role:
      Value: { Ref: IamRoleLambdaExecution }
";

#[test]
fn unknown_ids_are_reported_with_a_near_miss() {
    assert_snapshot!(unknown_ids(&with_resources(REFS)), @r#"
        "SconnectWebsocketRoute": Unknown logical id 'SconnectWebsocketRoute' in DependsOn: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it; did you mean 'SconnectWebsocketsRoute'?
          fix "Change to 'SconnectWebsocketsRoute'":       DependsOn: [SconnectWebsocketsRoute, Queue]
        "TableNam": Unknown logical id 'TableNam' in Ref: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it; did you mean 'TableName'?
          fix "Change to 'TableName'":         QueueName: !Ref TableName
        "OnDashconnectLambdaFuncton": Unknown logical id 'OnDashconnectLambdaFuncton' in Fn::GetAtt: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it; did you mean 'OnDashconnectLambdaFunction'?
          fix "Change to 'OnDashconnectLambdaFunction'":             Value: !GetAtt OnDashconnectLambdaFunction.Arn
        "AWS::Regoin": Unknown logical id 'AWS::Regoin' in Fn::Sub: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it; did you mean 'AWS::Region'?
          fix "Change to 'AWS::Region'":             Value: !Sub '${Queue.Arn}-${AWS::Region}-${!Literal}-${Nothing}'
        "Nothing": Unknown logical id 'Nothing' in Fn::Sub: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it
    "#);
}

#[test]
fn unknown_ids_outside_resources() {
    let text = CHAT.replace(
        "provider:\n  name: aws\n",
        "provider:\n  name: aws\n  environment:\n    TABLE: !Ref ConnectionsTable\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: dynamodb:*\n          Resource: !GetAtt ConnectionsTable.Arn\n",
    );
    assert_snapshot!(unknown_ids(&text), @r#"
        "ConnectionsTable": Unknown logical id 'ConnectionsTable' in Ref: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it
        "ConnectionsTable": Unknown logical id 'ConnectionsTable' in Fn::GetAtt: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it
    "#);
}

#[test]
fn silent_when_the_template_is_not_fully_known() {
    let base = with_resources(REFS);
    let plugins = format!("plugins:\n  - serverless-offline\n{base}");
    assert_eq!(unknown_ids(&plugins), "");
    // An event type of a plugin (no `plugins:` listed): its resources are not known.
    let plugin_event = base.replace(
        "      - websocket: sendMessage\n",
        "      - eventBridgePipe: arn:aws:sqs:us-east-1:1:q\n",
    );
    assert_eq!(unknown_ids(&plugin_event), "");
    let other_provider = base.replace("name: aws", "name: azure");
    assert_eq!(unknown_ids(&other_provider), "");
    let no_compile = base.replace("    handler: h.send\n", "");
    assert_eq!(unknown_ids(&no_compile), "");
    let dynamic_resources = format!("{CHAT}resources:\n  Resources: ${{file(./resources.yml)}}\n  Outputs:\n    A:\n      Value: !Ref Nope\n");
    assert_eq!(unknown_ids(&dynamic_resources), "");
    let dynamic_key = format!("{CHAT}resources:\n  Resources:\n    ${{self:custom.name}}Queue:\n      Type: AWS::SQS::Queue\n  Outputs:\n    A:\n      Value: !Ref MyQueue\n");
    assert_eq!(unknown_ids(&dynamic_key), "");
}

#[test]
fn variables_in_a_reference_silence_it() {
    // Variables only AWS can resolve: their values stay unknown (a `self:` path that does not
    // exist would be SLS401 instead, and the framework would refuse the file).
    let text = format!("{CHAT}resources:\n  Outputs:\n    A:\n      Value: !Ref ${{ssm:/id}}\n    B:\n      Value: !Sub '${{Nope}}-${{ssm:/x}}'\n    C:\n      Value: {{ Fn::GetAtt: ['${{ssm:/id}}', Arn] }}\n    D:\n      Value: !Ref Nope\n");
    assert_snapshot!(unknown_ids(&text), @r#"
        "Nope": Unknown logical id 'Nope' in Ref: neither the generated template, resources.Resources, Parameters nor the pseudo parameters define it
    "#);
}

#[test]
fn generated_ids_with_hashes_are_known_by_prefix() {
    let text = format!("{CHAT}resources:\n  Outputs:\n    A:\n      Value: !Ref SendLambdaVersionabc123\n    B:\n      Value: !Ref WebsocketsDeploymentxyz\n");
    assert_eq!(unknown_ids(&text), "");
}

/// No oracle case and no corpus case gets an SLS220.
#[test]
fn no_false_unknown_id_on_oracle_and_corpus_cases() {
    let root = support::fixtures();
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in ["oracle", "corpus/cases"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("fixture folder");
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path().join("serverless.yml");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            checked += 1;
            let analysis = Analysis::new(&text, &NoFiles);
            for d in analysis.diagnostics() {
                if d.code == Code::UnknownLogicalId {
                    failures.push(format!("{}: {}", path.display(), d.message));
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
