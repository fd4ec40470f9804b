"""Translates template.yaml with the AWS SAM translator (the `aws-sam-translator` package that `sam deploy`
and cfn-lint use) for several sets of parameter values, and prints, per set, each function's published
version logical id and the IAM statements of its role, as JSON on stdout.

Input, JSON on stdin:
  {"template": "<path>", "scenarios": [{"name": "...", "parameters": {...}, "code": {"<FunctionId>": "<key>"}}]}
`code` stands in for `sam package`, which replaces each local CodeUri with s3://<bucket>/<hash of the jar>:
a function not named gets s3://switchboard-artifacts/<FunctionId>/original.

Used by local/src/test/java/dev/switchboard/local/template/SamTranslatorIT.java.
"""
import copy
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

try:
    from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
except ImportError:  # older translators: no bundled list (the template names no managed policy anyway)
    def get_bundled_managed_policy_map(partition):
        return {}


class BundledManagedPolicies:
    """What transform() calls for managed policy names: the map bundled with the translator, no IAM call."""

    def load(self):
        return get_bundled_managed_policy_map("aws") or {}


def translate(template, scenario):
    document = copy.deepcopy(template)
    functions = [logical_id for logical_id, resource in document["Resources"].items()
                 if resource.get("Type") == "AWS::Serverless::Function"]
    for logical_id in functions:
        key = scenario.get("code", {}).get(logical_id, "original")
        document["Resources"][logical_id]["Properties"]["CodeUri"] = (
            "s3://switchboard-artifacts/%s/%s" % (logical_id, key))
    parameters = {"TwilioAccountSid": "AC00000000000000000000000000000000"}
    parameters.update(scenario.get("parameters", {}))
    output = transform(document, parameters, BundledManagedPolicies())
    resources = output["Resources"]
    versions = {}
    policies = {}
    for logical_id in functions:
        for resource_id, resource in resources.items():
            if resource["Type"] == "AWS::Lambda::Version" and \
                    resource["Properties"].get("FunctionName") == {"Ref": logical_id}:
                versions[logical_id] = resource_id
        role = resources[logical_id]["Properties"]["Role"]["Fn::GetAtt"][0]
        statements = []
        for policy in resources[role]["Properties"].get("Policies", []):
            statements.extend(policy["PolicyDocument"]["Statement"])
        policies[logical_id] = {
            "statements": statements,
            "managedPolicyArns": resources[role]["Properties"].get("ManagedPolicyArns", []),
        }
    return {"versions": versions, "policies": policies,
            "descriptions": {f: resources[f]["Properties"].get("Description") for f in functions}}


def main():
    request = json.load(sys.stdin)
    with open(request["template"], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    result = {}
    for scenario in request["scenarios"]:
        result[scenario["name"]] = translate(template, scenario)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
